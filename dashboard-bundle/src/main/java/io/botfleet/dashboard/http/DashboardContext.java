package io.botfleet.dashboard.http;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The dashboard's own servlet context at {@code /ui}. It authenticates nothing: the page is
 * public static files, and every piece of data it shows comes from {@code /api} with the
 * operator's token, which that context checks. Being a context of its own keeps the page's
 * headers and lifecycle apart from the API's: updating this bundle replaces the page only.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE,
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + DashboardContext.NAME,
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=" + DashboardContext.PATH
        })
public class DashboardContext extends ServletContextHelper {

    public static final String NAME = "botfleet.dashboard";
    public static final String PATH = "/ui";

    @Override
    public String getMimeType(String name) {
        return ContentTypes.of(name);
    }
}
