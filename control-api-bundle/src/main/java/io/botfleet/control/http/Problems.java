package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes {@link ApiException}s as {@code application/problem+json} (RFC 9457). */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json; charset=utf-8";

    private Problems() {
    }

    /** The problem document: type, title, status, detail, and {@code field} when one is named. */
    public static ObjectNode body(ApiException problem, String instance) {
        ObjectNode node = JsonMapper.MAPPER.createObjectNode();
        node.put("type", problem.type());
        node.put("title", problem.title());
        node.put("status", problem.status());
        node.put("detail", problem.detail());
        if (problem.field() != null) {
            node.put("field", problem.field());
        }
        if (instance != null) {
            node.put("instance", instance);
        }
        return node;
    }

    public static void write(HttpServletResponse response, ApiException problem, String instance)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        if (problem.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        if (problem.allow() != null) {
            response.setHeader("Allow", problem.allow());
        }
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"botfleet\"");
        }
        JsonMapper.writeBody(response, body(problem, instance));
    }
}
