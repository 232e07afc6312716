package io.botfleet.control.http;

/**
 * A request that ends in an RFC 9457 problem. Handlers throw it for anything the client did
 * wrong; {@link ErrorMapper} turns the platform's own exceptions into one.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final String title;
    private final String field;
    private final long retryAfterSeconds;
    private final String allow;

    private ApiException(int status, String slug, String title, String detail, String field,
                         long retryAfterSeconds, String allow) {
        super(detail, null, false, false); // control flow, not a fault: no stack trace
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
        this.allow = allow;
    }

    public static ApiException of(int status, String slug, String title, String detail) {
        return new ApiException(status, slug, title, detail, null, 0, null);
    }

    /** 400 naming the offending field (dotted JSON path, or a query parameter). */
    public static ApiException invalid(String field, String detail) {
        return new ApiException(400, "invalid-request", "Invalid request",
                field == null ? detail : field + " " + detail, field, 0, null);
    }

    public static ApiException malformed(String detail) {
        return new ApiException(400, "malformed-request", "Malformed request", detail, null, 0, null);
    }

    public static ApiException unauthorized(String detail) {
        return of(401, "unauthorized", "Unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static ApiException notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static ApiException methodNotAllowed(String method, String allow) {
        return new ApiException(405, "method-not-allowed", "Method not allowed",
                method + " is not allowed here; allowed: " + allow, null, 0, allow);
    }

    public static ApiException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    public static ApiException tooLarge(long limit) {
        return of(413, "payload-too-large", "Payload too large",
                "request body exceeds the limit of " + limit + " bytes");
    }

    public static ApiException unsupportedMediaType(String detail) {
        return of(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds, String detail) {
        return new ApiException(429, "too-many-requests", "Too many requests", detail, null,
                retryAfterSeconds, null);
    }

    public static ApiException internal() {
        return of(500, "internal-error", "Internal error",
                "the server failed to handle the request; the cause is in its log");
    }

    public static ApiException notImplemented(String detail) {
        return of(501, "not-implemented", "Not implemented", detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Service unavailable", detail, null, 5, null);
    }

    public int status() {
        return status;
    }

    /** The problem type URI. */
    public String type() {
        return "urn:botfleet:problem:" + slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The offending field, or null. */
    public String field() {
        return field;
    }

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code Allow} header of a 405, or null. */
    public String allow() {
        return allow;
    }
}
