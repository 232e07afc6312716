package io.botfleet.control.http.jetty;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.control.http.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** A real Jetty server with the handler installed as {@link ProblemErrorPages} does it. */
public class ProblemErrorHandlerTest {

    private Server server;
    private LocalConnector connector;

    @Before
    public void start() throws Exception {
        server = new Server();
        server.setHandler(new ContextHandler("/"));
        server.start();
        connector = (LocalConnector) new ProblemErrorPages().createConnector(server);
        server.addConnector(connector);
        connector.start();
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    private String send(String path) throws Exception {
        return connector.getResponse("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private static JsonNode problem(String response) throws Exception {
        assertTrue(response, response.contains("Content-Type: application/problem+json"));
        return JsonMapper.MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    @Test
    public void unparseablePathsAreProblemDocuments() throws Exception {
        for (String path : new String[] {"/api/v1/bots/%00", "/api/v1/bots/a%zz", "/api/v1/bots/a%"}) {
            String response = send(path);
            assertTrue(path + ": " + response, response.startsWith("HTTP/1.1 400 "));
            JsonNode p = problem(response);
            assertEquals(400, p.path("status").asInt());
            assertEquals("urn:botfleet:problem:malformed-request", p.path("type").asText());
            assertTrue(p.toString(), p.path("detail").asText().contains("%00"));
        }
    }

    @Test
    public void otherStatusesKeepTheirTitle() throws Exception {
        JsonNode p = JsonMapper.MAPPER.readTree(ProblemErrorHandler.body(431, "Request header too large"));
        assertEquals(431, p.path("status").asInt());
        assertEquals("Request Header Fields Too Large", p.path("title").asText());
        assertEquals("Request header too large", p.path("detail").asText());
        HttpFields.Mutable fields = HttpFields.build();
        ByteBuffer body = new ProblemErrorHandler().badMessageError(414, null, fields);
        assertEquals("application/problem+json; charset=utf-8", fields.get("Content-Type"));
        assertTrue(StandardCharsets.UTF_8.decode(body).toString().contains("\"status\":414"));
    }
}
