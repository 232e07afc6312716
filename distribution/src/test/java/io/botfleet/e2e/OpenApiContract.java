package io.botfleet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's own OpenAPI document (as {@code GET /api/v1/openapi.json} serves it) used as an
 * oracle: every response of the black-box tests under {@code /api/v1} must be one the document
 * describes for that method and path — a documented status (a success status explicitly, an
 * error at least as the default problem), a documented media type, and a body valid against the
 * schema, checked by a JSON Schema validator (networknt, OpenAPI 3.1 dialect) rather than by hand.
 * Server-Sent Events are checked against the schemas the stream operation lists per event name.
 */
final class OpenApiContract {

    static final String PREFIX = "/api/v1";
    /** Only a base for JSON pointers into the document: the validator is handed the text, never fetches it. */
    private static final String DOCUMENT = "urn:botfleet:openapi";

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    OpenApiContract(String documentText) throws IOException {
        this.doc = Api.JSON.readTree(documentText);
        if (!"3.1.0".equals(doc.path("openapi").asText())) {
            throw new AssertionError("not an OpenAPI 3.1 document: " + doc.path("openapi"));
        }
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT, documentText)));
    }

    /**
     * Checks one response; throws an AssertionError saying how it departs from the document.
     *
     * @param pathAndQuery as sent, still percent-encoded
     */
    void checkResponse(String method, String pathAndQuery, int status, String contentType, String body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (!path.startsWith(PREFIX + "/") && !path.equals(PREFIX)) {
            return; // health, metrics, the dashboard: not part of this document
        }
        String call = method + " " + pathAndQuery + " -> " + status + " " + contentType;
        String template = template(path.substring(PREFIX.length()));
        JsonNode operation = template == null ? null : doc.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
        String pointer;
        JsonNode response;
        if (operation == null) {
            // not an operation of the API (unknown path or method): only a problem may answer
            if (status < 400) {
                throw new AssertionError(call + ": a success for an operation the document does not have");
            }
            pointer = "/components/responses/Problem";
            response = doc.at(pointer);
        } else {
            String base = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/";
            String code = Integer.toString(status);
            if (operation.path("responses").has(code)) {
                pointer = base + code;
            } else if (status >= 400) {
                pointer = base + "default";
            } else {
                throw new AssertionError(call + ": status " + status + " is not documented for "
                        + method + " " + template + " (documented: " + fieldNames(operation.path("responses")) + ")");
            }
            response = doc.at(pointer);
            String ref = response.path("$ref").asText(null);
            if (ref != null) {
                pointer = ref.substring(1);
                response = doc.at(pointer);
            }
        }
        if (method.equals("HEAD")) {
            return; // no body to check
        }
        JsonNode content = response.get("content");
        if (content == null) {
            if (!body.isEmpty()) {
                throw new AssertionError(call + ": the document says no body, got " + shorten(body));
            }
            return;
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            throw new AssertionError(call + ": media type " + mediaType + " is not documented (documented: "
                    + fieldNames(content) + "); body " + shorten(body));
        }
        if (!mediaType.endsWith("json")) {
            return; // the event stream: its events are checked one by one (checkEvent)
        }
        JsonNode instance;
        try {
            instance = Api.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(call + ": not JSON: " + shorten(body), e);
        }
        validate(pointer + "/content/" + escape(mediaType) + "/schema", instance, call);
    }

    /** Checks the data of one Server-Sent Event against the schema the stream operation lists for its name. */
    void checkEvent(String name, String data) {
        if (name == null) {
            throw new AssertionError("stream data without an event name: " + shorten(data));
        }
        JsonNode events = doc.at("/paths/~1stream/get/x-botfleet-events");
        JsonNode ref = events.path(name).path("$ref");
        if (ref.isMissingNode()) {
            throw new AssertionError("stream event '" + name + "' is not documented (documented: " + fieldNames(events) + ")");
        }
        JsonNode instance;
        try {
            instance = Api.JSON.readTree(data);
        } catch (IOException e) {
            throw new AssertionError("stream event " + name + ": data is not JSON: " + shorten(data), e);
        }
        validate(ref.asText().substring(1), instance, "stream event " + name);
    }

    private void validate(String pointer, JsonNode instance, String what) {
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + p)));
        List<Error> errors = schema.validate(instance);
        if (!errors.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Error e : errors) {
                lines.add(e.getInstanceLocation() + ": " + e.getMessage());
            }
            throw new AssertionError(what + ": the body does not match the document (" + pointer + "):\n  "
                    + String.join("\n  ", lines) + "\nbody: " + shorten(instance.toString()));
        }
    }

    /** The document's path template (below the server URL) that matches this raw path, literal segments first. */
    private String template(String rawPath) {
        String[] actual = split(rawPath);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            String[] segments = split(candidate);
            if (segments.length != actual.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                if (segments[i].startsWith("{") && segments[i].endsWith("}")) {
                    matches = !actual[i].isEmpty();
                } else if (segments[i].equals(actual[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return best;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** A JSON pointer token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String shorten(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
