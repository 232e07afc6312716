package io.botfleet.dashboard.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import org.junit.Test;

public class UiPathsTest {

    @Test
    public void thePageAndItsFilesMapIntoTheUiFolder() {
        assertEquals(Optional.of("ui/index.html"), UiPaths.entry("/"));
        assertEquals(Optional.of("ui/js/fleet.js"), UiPaths.entry("/js/fleet.js"));
        assertEquals(Optional.of("ui/lib/uplot/uPlot.esm.js"), UiPaths.entry("/lib/uplot/uPlot.esm.js"));
    }

    @Test
    public void nothingOutsideTheUiFolderIsReachable() {
        for (String bad : new String[] {"/../META-INF/MANIFEST.MF", "/js/../../x", "/.hidden", "/js/%2e%2e/x",
                "//etc/passwd", "/js/", "/a\\b", "/io/botfleet/x.class/"}) {
            assertTrue(bad, UiPaths.entry(bad).isEmpty());
        }
    }

    @Test
    public void typesAreExplicitForEveryKindOfFile() {
        assertEquals("text/javascript; charset=utf-8", ContentTypes.of("ui/js/api.js"));
        assertEquals("text/html; charset=utf-8", ContentTypes.of("ui/index.html"));
        assertEquals("text/css; charset=utf-8", ContentTypes.of("ui/lib/uplot/uPlot.min.css"));
        assertEquals("text/plain; charset=utf-8", ContentTypes.of("ui/lib/uplot/LICENSE"));
        assertEquals(ContentTypes.FALLBACK, ContentTypes.of("ui/x.exe"));
        assertEquals("a folder is not served", ContentTypes.FALLBACK, ContentTypes.of("ui/js"));
    }
}
