package io.botfleet.dashboard.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * Serves the page's files from this bundle's {@code ui/} folder. Every answer carries the
 * {@link SecurityHeaders}; files are revalidated on each load ({@code no-cache} with an ETag of
 * the bundle's revision), so a live update of the bundle reaches the next page load at once.
 */
@Component(service = Servlet.class,
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=botfleet-dashboard",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                    + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + DashboardContext.NAME + ")"
        })
public class UiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient Bundle bundle;

    @Activate
    void activate(BundleContext context) {
        bundle = context.getBundle();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) { // "/ui": relative links of the page need the trailing slash
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        Optional<String> entry = UiPaths.entry(pathInfo);
        // only the kinds of file the page is made of: never a folder, nothing else the bundle holds
        URL url = entry.filter(e -> !ContentTypes.FALLBACK.equals(ContentTypes.of(e))).map(bundle::getEntry).orElse(null);
        if (url == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType(ContentTypes.of("404.txt"));
            response.getWriter().write("no such file in the dashboard\n");
            return;
        }
        String etag = "\"" + Long.toHexString(bundle.getBundleId()) + "-"
                + Long.toHexString(bundle.getLastModified()) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(ContentTypes.of(entry.get()));
        try (InputStream in = url.openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
