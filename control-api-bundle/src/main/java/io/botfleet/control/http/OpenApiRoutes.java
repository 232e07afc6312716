package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 description of {@code /api/v1}, open to anyone
 * (a client generator or a person reading the contract has no token yet). The document is the
 * resource {@value #RESOURCE} beside this class, kept by hand next to the routes it describes;
 * a test walks the route table and the document both ways, so neither can drift from the other.
 */
public final class OpenApiRoutes {

    public static final String RESOURCE = "openapi.json";
    public static final String PATH = "/v1/openapi.json";

    public List<Route> routes() {
        return List.of(Route.open(PATH, r -> Reply.ok(Document.JSON)));
    }

    /** Read once, at the first request: a holder class, so a broken resource fails that request, not the router. */
    private static final class Document {
        static final JsonNode JSON = read();
    }

    /** The document, parsed as strictly as a request body (a duplicate key is an error, not a silent overwrite). */
    public static JsonNode read() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runtime bundle");
            }
            return JsonMapper.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
