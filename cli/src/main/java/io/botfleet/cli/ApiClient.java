package io.botfleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTTP side of botfleetctl: one request per call to a Botfleet server, with the bearer token,
 * turning every way it can go wrong into a {@link CtlException} that says what happened.
 */
public final class ApiClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A swap answers once it is done, which may take a while on a loaded server. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http;

    /**
     * @param baseUrl the server, {@code http://host:port} with an optional path prefix (a server
     *                behind a reverse proxy); checked here, so a bad one is a usage error
     * @param token   the API token, or null to send none
     */
    public ApiClient(String baseUrl, String token) {
        this.base = checkedBase(baseUrl);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The server's address as used (without a trailing slash). */
    public String base() {
        return base;
    }

    public ApiResponse get(String path) {
        return send(request(path).GET());
    }

    /** A POST with a JSON body, or with none when {@code json} is null. */
    public ApiResponse post(String path, String json) {
        HttpRequest.Builder request = request(path);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return send(request);
    }

    public ApiResponse post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /**
     * A PUT of a file sent as it is, with its content type and encoding (e.g. {@code gzip});
     * streamed from the file, with {@code timeout} for the whole upload.
     */
    public ApiResponse put(String path, String contentType, String contentEncoding, Path file, Duration timeout) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new CtlException(CtlException.USAGE, "no file " + file, e);
        }
        HttpRequest.Builder request = request(path).timeout(timeout).header("Content-Type", contentType);
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return send(request.PUT(body));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private ApiResponse send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            long seconds = request.timeout().orElse(REQUEST_TIMEOUT).toSeconds();
            throw new CtlException(CtlException.UNREACHABLE, "no answer from " + base + " within "
                    + seconds + " s (" + request.method() + " " + request.uri().getPath() + ")", e);
        } catch (ConnectException e) {
            throw new CtlException(CtlException.UNREACHABLE, "cannot connect to " + base
                    + ": connection refused. Is the server running there? (set BOTFLEET_URL or --url)", e);
        } catch (IOException e) {
            throw new CtlException(CtlException.UNREACHABLE, "request to " + base + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(CtlException.UNREACHABLE, "interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new ApiResponse(response.body(), parse(response.body()));
        }
        throw problem(request, response);
    }

    private ProblemException problem(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String detail = null;
        if (contentType.contains("json")) {
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem != null && problem.path("detail").isTextual()) {
                    detail = problem.path("detail").textValue();
                }
            } catch (JsonProcessingException e) {
                detail = null; // not a problem document after all: described below
            }
        }
        if (detail == null) {
            detail = "HTTP " + status + " from " + request.method() + " " + request.uri() + firstLine(body);
        }
        if (status == 401 && token == null) {
            detail += " (BOTFLEET_TOKEN is not set)";
        }
        return new ProblemException(status, detail, body);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CtlException(CtlException.REFUSED, "the server's answer is not JSON" + firstLine(body), e);
        }
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String checkedBase(String url) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // described below
        }
        throw new CtlException(CtlException.USAGE, "the server URL must be http://host:port or https://host:port"
                + " (with an optional path), not '" + url + "'");
    }
}
