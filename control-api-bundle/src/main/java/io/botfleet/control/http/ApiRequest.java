package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.control.auth.Principal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One API call as a handler sees it: who asks, the path variables, validated query parameters
 * and size-limited bodies. Also carries the audit target a handler may set.
 */
public final class ApiRequest {

    /** Default and bounds of {@code limit} (API.md: 1-1000, default 100). */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Principal principal;
    private final Map<String, String> pathVariables;
    private final long maxJsonBytes;
    private String auditTarget;
    private String auditDetail;

    public ApiRequest(HttpServletRequest request, HttpServletResponse response, Principal principal,
                      Map<String, String> pathVariables, long maxJsonBytes) {
        this.request = request;
        this.response = response;
        this.principal = principal;
        this.pathVariables = pathVariables;
        this.maxJsonBytes = maxJsonBytes;
    }

    public Principal principal() {
        return principal;
    }

    /** The actor the platform records: the token's name. */
    public String actor() {
        return principal.name();
    }

    public String path(String name) {
        String value = pathVariables.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path variable " + name);
        }
        return value;
    }

    public Map<String, String> pathVariables() {
        return pathVariables;
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return request.getParameter(name);
    }

    /** {@code limit}: absent → 100, otherwise an integer 1-1000 or 400. */
    public int limit() {
        String raw = query("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an out-of-range number
        }
        throw ApiException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    /** A boolean query flag: absent or {@code false} → false, {@code true} → true, else 400. */
    public boolean flag(String name) {
        String raw = query(name);
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw ApiException.invalid(name, "must be true or false");
    }

    /**
     * The JSON body, at most {@code maxJsonBytes}, with a JSON content type.
     *
     * @throws ApiException 415, 413 or 400
     */
    public JsonNode json() {
        requireContentType(Set.of("application/json", "application/merge-patch+json"), true);
        try {
            return JsonMapper.read(body(maxJsonBytes));
        } catch (IOException e) {
            throw ApiException.malformed("could not read the request body");
        }
    }

    /**
     * A JSON body that may be absent (verbs such as {@code /start}); null when there is none.
     * A present body must still be JSON.
     */
    public JsonNode optionalJson() {
        if (request.getContentLengthLong() == 0
                || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return null;
        }
        return json();
    }

    /**
     * The raw body as a stream that fails past {@code limit} bytes; for uploads (bundles).
     *
     * @throws ApiException 413 at once when the declared length is already too large
     */
    public InputStream body(long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw ApiException.tooLarge(limit);
        }
        return new LimitedInputStream(request.getInputStream(), limit);
    }

    /**
     * Checks the media type (parameters aside; a charset other than UTF-8 is refused for JSON).
     *
     * @throws ApiException 415
     */
    public void requireContentType(Set<String> accepted, boolean utf8Only) {
        String raw = request.getContentType();
        if (raw == null || raw.isBlank()) {
            throw ApiException.unsupportedMediaType("Content-Type is required; expected "
                    + String.join(" or ", accepted));
        }
        String[] parts = raw.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            throw ApiException.unsupportedMediaType("Content-Type " + safe(type)
                    + " is not accepted here; expected " + String.join(" or ", accepted));
        }
        if (utf8Only) {
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                    String charset = kv[1].trim().replace("\"", "");
                    if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                        throw ApiException.unsupportedMediaType("charset " + safe(charset)
                                + " is not accepted; JSON must be UTF-8");
                    }
                }
            }
        }
    }

    public HttpServletRequest servletRequest() {
        return request;
    }

    public HttpServletResponse servletResponse() {
        return response;
    }

    /** Names what a mutating call acted on when the path does not (e.g. the id of a new bot). */
    public void auditTarget(String target) {
        this.auditTarget = target;
    }

    public String auditTarget() {
        return auditTarget;
    }

    public void auditDetail(String detail) {
        this.auditDetail = detail;
    }

    public String auditDetail() {
        return auditDetail;
    }

    /** Client-supplied text, trimmed and stripped of control characters before it is echoed. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
