package io.botfleet.control.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The OpenAPI document and the router describe the same API: every route of the table is in
 * the document with the same role, and every operation of the document is a route. The table is
 * the one the server builds — the built-in route groups plus every {@link RouteGroup} component
 * the bundle declares (found in the component descriptions bnd wrote, so a new group cannot be
 * forgotten here).
 */
public class OpenApiDocumentTest {

    /** Router templates are below {@code /api}; the document's paths are below its server URL. */
    private static final String SERVER = "/api/v1";
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation class=\"([^\"]+)\"");
    private static final String PROVIDES_ROUTE_GROUP = "<provide interface=\"" + RouteGroup.class.getName() + "\"";

    @Test
    public void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() throws Exception {
        Map<String, String> routes = routeTable();
        Map<String, String> documented = documentedOperations(OpenApiRoutes.read());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> route : routes.entrySet()) {
            String role = documented.get(route.getKey());
            if (role == null) {
                problems.add("route not in the document: " + route.getKey());
            } else if (!role.equals(route.getValue())) {
                problems.add(route.getKey() + " needs role " + route.getValue() + ", the document says " + role);
            }
        }
        for (String operation : documented.keySet()) {
            if (!routes.containsKey(operation)) {
                problems.add("documented, but the router has no such route: " + operation);
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
        assertTrue("the table is complete: " + routes.keySet(), routes.containsKey("POST /v1/strategies/{id}/swap")
                && routes.containsKey("GET /v1/stream") && routes.containsKey("GET /v1/openapi.json"));
    }

    @Test
    public void theDocumentIsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        String text = OpenApiRoutes.read().toString();
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        assertTrue("parser messages: " + result.getMessages(), result.getMessages() == null || result.getMessages().isEmpty());
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertEquals("3.1.0", api.getOpenapi());
        assertEquals(SERVER, api.getServers().get(0).getUrl());
    }

    @Test
    public void everyReferenceResolvesAndEveryOperationAnswersProblemsAsProblemJson() {
        JsonNode doc = OpenApiRoutes.read();
        List<String> broken = new ArrayList<>();
        refs(doc, doc, broken);
        assertTrue("references that point nowhere: " + broken, broken.isEmpty());
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                JsonNode responses = op.getValue().get("responses");
                String where = op.getKey() + " " + path.getKey();
                assertEquals(where, "#/components/responses/Problem", responses.path("default").path("$ref").asText());
                boolean open = op.getValue().path("x-botfleet-role").asText().equals("none");
                assertEquals(where + " answers 401 unless open", !open, responses.has("401"));
            }
        }
    }

    /** "METHOD /v1/template" → role (lower case, or "none" for an open route), as the server builds the table. */
    static Map<String, String> routeTable() throws Exception {
        ApiRouter router = new ApiRouter();
        router.activate();
        for (RouteGroup group : declaredRouteGroups()) {
            router.addRouteGroup(group);
        }
        Map<String, String> out = new TreeMap<>();
        for (Route route : router.router().routes()) {
            String key = route.method() + " " + route.template();
            String role = route.open() ? "none" : route.role().name().toLowerCase(Locale.ROOT);
            String before = out.put(key, role);
            assertTrue("one route per method and path: " + key, before == null);
        }
        return out;
    }

    /** Every component of the runtime bundle that provides a RouteGroup, created as SCR would (no references bound). */
    private static List<RouteGroup> declaredRouteGroups() throws Exception {
        Path descriptors = Path.of(OpenApiRoutes.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("OSGI-INF");
        List<RouteGroup> groups = new ArrayList<>();
        try (Stream<Path> files = Files.list(descriptors)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                String xml = Files.readString(file);
                Matcher m = IMPLEMENTATION.matcher(xml);
                if (xml.contains(PROVIDES_ROUTE_GROUP) && m.find()) {
                    groups.add((RouteGroup) Class.forName(m.group(1)).getDeclaredConstructor().newInstance());
                }
            }
        }
        assertTrue("route groups found in " + descriptors + ": " + groups, groups.size() >= 3);
        return groups;
    }

    /** "METHOD /v1/path" → the operation's {@code x-botfleet-role}. */
    static Map<String, String> documentedOperations(JsonNode doc) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                String template = SERVER.substring("/api".length()) + path.getKey();
                out.put(op.getKey().toUpperCase(Locale.ROOT) + " " + template, op.getValue().path("x-botfleet-role").asText("missing"));
            }
        }
        return out;
    }

    private static void refs(JsonNode node, JsonNode doc, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")
                    && doc.at(ref.asText().substring(1)).isMissingNode()) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> refs(child, doc, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> refs(child, doc, broken));
        }
    }
}
