package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the fields of the API's JSON for display: absent and null fields show as "-". */
final class Fields {

    static final String NONE = "-";

    private Fields() {
    }

    /** The field at a path of names ({@code text(bot, "position", "qty")}), as text. */
    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String name : path) {
            at = at.path(name);
        }
        if (at.isMissingNode() || at.isNull()) {
            return NONE;
        }
        // exact decimals come as strings; numbers and booleans print as JSON writes them
        String text = at.isValueNode() ? at.asText() : at.toString();
        return text.isEmpty() ? NONE : text;
    }

    /** A JSON array's text elements joined with commas, or "-" when there are none. */
    static String list(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return NONE;
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode element : array) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(element.asText());
        }
        return out.toString();
    }
}
