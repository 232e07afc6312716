package io.botfleet.dashboard.http;

import java.util.Locale;
import java.util.Map;

/**
 * The content type of each kind of file the page is made of. Explicit rather than the
 * container's guess: browsers refuse an ES module served with anything but a JavaScript type,
 * and {@code X-Content-Type-Options: nosniff} makes every other type matter as well.
 */
final class ContentTypes {

    static final String FALLBACK = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    private ContentTypes() {
    }

    /** The type for a file name; {@link #FALLBACK} for a kind the page does not use. */
    static String of(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash) {
            return name.endsWith("LICENSE") ? BY_EXTENSION.get("txt") : FALLBACK;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), FALLBACK);
    }
}
