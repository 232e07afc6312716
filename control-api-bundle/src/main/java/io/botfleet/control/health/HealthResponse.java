package io.botfleet.control.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a verdict as JSON: 200 when UP, 503 when DOWN, never cached. */
final class HealthResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthResponse() {
    }

    static void write(HealthVerdict verdict, HttpServletResponse response) throws IOException {
        response.setStatus(verdict.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), verdict);
    }
}
