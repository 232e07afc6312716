package io.botfleet.control.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route path such as {@code /v1/bots/{id}/start}: literal segments and {@code {name}}
 * variables, each variable matching exactly one (already decoded) segment.
 */
public final class PathTemplate {

    private final String text;
    private final List<String> segments;

    public PathTemplate(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("template must start with /: " + text);
        }
        this.text = text;
        this.segments = List.of(text.substring(1).split("/"));
    }

    /** The path variables when {@code path} (decoded segments) matches, else null. */
    public Map<String, String> match(List<String> path) {
        if (path.size() != segments.size()) {
            return null;
        }
        Map<String, String> vars = null;
        for (int i = 0; i < segments.size(); i++) {
            String template = segments.get(i);
            String actual = path.get(i);
            if (isVariable(template)) {
                if (actual.isEmpty()) {
                    return null;
                }
                if (vars == null) {
                    vars = new LinkedHashMap<>(4);
                }
                vars.put(template.substring(1, template.length() - 1), actual);
            } else if (!template.equals(actual)) {
                return null;
            }
        }
        return vars == null ? Collections.emptyMap() : vars;
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    /**
     * Splits a raw (still percent-encoded) path into decoded segments. Splitting before decoding
     * keeps an encoded slash ({@code %2F}) inside its segment, where id validation refuses it,
     * instead of letting it change which route matches.
     *
     * @throws ApiException 400 for malformed percent-encoding, invalid UTF-8 or a control character
     */
    public static List<String> segments(String rawPath) {
        String path = rawPath;
        int semicolon = path.indexOf(';');
        if (semicolon >= 0) {
            path = path.substring(0, semicolon);
        }
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> out = new ArrayList<>(6);
        if (path.isEmpty()) {
            return out;
        }
        for (String segment : path.split("/", -1)) {
            String decoded = PercentDecoder.decode(segment);
            refuseControlCharacters(decoded);
            out.add(decoded);
        }
        return out;
    }

    /** No id, name or literal of the API has one; a NUL in particular must never reach a look-up. */
    private static void refuseControlCharacters(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isISOControl(c)) {
                throw ApiException.malformed(String.format(
                        "the path contains the control character U+%04X; no part of an API path may", (int) c));
            }
        }
    }
}
