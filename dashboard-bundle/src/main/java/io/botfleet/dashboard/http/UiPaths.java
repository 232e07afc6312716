package io.botfleet.dashboard.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a request path below {@code /ui} to the bundle entry that answers it. Only plain names
 * are served: no {@code ..}, no hidden files, no encoded characters, so a request can never
 * reach outside the bundle's {@code ui/} folder (its class files, its manifest).
 */
final class UiPaths {

    /** The folder of the bundle that holds the page. */
    static final String ROOT = "ui";

    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private UiPaths() {
    }

    /** The bundle entry for {@code pathInfo} ("/" is the page itself), or empty for a bad path. */
    static Optional<String> entry(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return Optional.of(ROOT + "/index.html");
        }
        if (pathInfo.length() > 200 || !SAFE.matcher(pathInfo).matches() || pathInfo.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(ROOT + pathInfo);
    }
}
