package io.botfleet.control.http;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Just enough of the Servlet API to drive {@link ApiContext} and {@link ApiServlet} in a unit
 * test: dynamic proxies answering the methods they use.
 */
final class FakeHttp {

    /**
     * {@code method uri} (with its query) through the context's security check and then, if it
     * passes, the servlet, as the container calls them.
     */
    static Response call(ApiContext context, ApiServlet servlet, Request request, String method, String uri,
                         String json) throws Exception {
        request.method = method;
        int q = uri.indexOf('?');
        request.uri = q < 0 ? uri : uri.substring(0, q);
        if (q >= 0) {
            for (String kv : uri.substring(q + 1).split("&")) {
                String[] parts = kv.split("=", 2);
                request.params.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        if (json != null) {
            request.json(json);
        }
        Response response = new Response();
        var req = request.proxy();
        var resp = response.proxy();
        if (context.handleSecurity(req, resp)) {
            servlet.service(req, resp);
        }
        return response;
    }

    static final class Request {
        String method = "GET";
        String uri = "/api/v1/bots";
        String contentType;
        byte[] body = new byte[0];
        String remote = "127.0.0.1";
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final Map<String, String> params = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        Cookie[] cookies;
        boolean secure;

        Request bearer(String token) {
            headers.put("Authorization", "Bearer " + token);
            return this;
        }

        Request json(String json) {
            contentType = "application/json";
            body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** A header, Content-Type included (which this fake keeps apart). */
        private String header(String name) {
            return name.equalsIgnoreCase("Content-Type") && contentType != null ? contentType : headers.get(name);
        }

        private List<String> headerNames() {
            List<String> names = new ArrayList<>(headers.keySet());
            if (contentType != null) {
                names.add("Content-Type");
            }
            return names;
        }

        HttpServletRequest proxy() {
            ServletInputStream stream = new BytesInputStream(body);
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "getMethod": return method;
                            case "getRequestURI": return uri;
                            case "getContextPath": return "/api";
                            case "getContentType": return contentType;
                            case "getContentLengthLong": return (long) body.length;
                            case "getContentLength": return body.length;
                            case "getHeader": return header((String) args[0]);
                            case "getHeaderNames": return Collections.enumeration(headerNames());
                            case "getHeaders": return Collections.enumeration(header((String) args[0]) == null
                                    ? List.of() : List.of(header((String) args[0])));
                            case "getQueryString": return params.isEmpty() ? null : String.join("&",
                                    params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                            case "getParameter": return params.get((String) args[0]);
                            case "getAttribute": return attributes.get((String) args[0]);
                            case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                            case "getRemoteAddr": return remote;
                            case "getCookies": return cookies;
                            case "isSecure": return secure;
                            case "getInputStream": return stream;
                            case "toString": return method + " " + uri;
                            default: throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }
    }

    static final class Response {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse proxy() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus": status = (Integer) args[0]; return null;
                            case "getStatus": return status;
                            case "setContentType": contentType = (String) args[0]; return null;
                            case "setHeader": headers.put((String) args[0], (String) args[1]); return null;
                            case "setContentLength": headers.put("Content-Length", String.valueOf(args[0])); return null;
                            case "isCommitted": return false;
                            case "resetBuffer": body.reset(); return null;
                            case "getOutputStream": return stream;
                            default: throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }
    }

    private FakeHttp() {
    }
}
