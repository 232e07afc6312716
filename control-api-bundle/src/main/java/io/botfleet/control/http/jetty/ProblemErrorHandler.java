package io.botfleet.control.http.jetty;

import io.botfleet.control.http.ApiException;
import io.botfleet.control.http.JsonMapper;
import io.botfleet.control.http.Problems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to a request that never reached a servlet context — a path it cannot parse
 * ({@code %00}, {@code %zz}, invalid UTF-8), a header block too large — as an RFC 9457 problem
 * document like every other refusal of the server, instead of Jetty's HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    Throwable cause, Callback callback) throws IOException {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** The problem document for a status Jetty decided on, with Jetty's reason as detail. */
    static byte[] body(int status, String reason) {
        ApiException problem = problem(status, reason);
        try {
            return JsonMapper.MAPPER.writeValueAsBytes(Problems.body(problem, null));
        } catch (IOException e) {
            throw new IllegalStateException("a problem document must always serialise", e);
        }
    }

    static ApiException problem(int status, String reason) {
        String said = reason == null || reason.isBlank() ? HttpStatus.getMessage(status)
                : reason.replaceAll("\\p{Cntrl}", "?");
        if (status == HttpStatus.BAD_REQUEST_400) {
            return ApiException.malformed("the request cannot be parsed (" + said + "); a path must not"
                    + " contain control characters such as %00, a '%' must be followed by two hex digits,"
                    + " and encoded bytes must be UTF-8");
        }
        String title = HttpStatus.getMessage(status);
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return ApiException.of(status, slug.isEmpty() ? "http-" + status : slug, title, said);
    }
}
