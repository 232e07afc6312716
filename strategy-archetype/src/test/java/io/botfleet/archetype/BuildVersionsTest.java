package io.botfleet.archetype;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * botfleet-bom and botfleet-strategy-parent stand alone (a strategy project must not inherit the
 * server's build), so they repeat a few versions of the server's own build: this keeps them equal.
 */
public class BuildVersionsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    public void theBomBuildsStrategiesWithTheServersVersions() throws Exception {
        Document root = pom("pom.xml");
        Document bom = pom("bom/pom.xml");
        assertEquals(text(root, "version"), text(bom, "version"));
        for (String key : List.of("osgi.core.version", "osgi.annotation.version",
                "osgi.cmpn.component.annotations.version", "osgi.cmpn.metatype.annotations.version",
                "junit.version")) {
            assertEquals(key, property(root, key), property(bom, key));
        }
    }

    @Test
    public void theStrategyParentBuildsWithTheServersPlugins() throws Exception {
        Document root = pom("pom.xml");
        Document parent = pom("strategy-parent/pom.xml");
        assertEquals(text(root, "version"), text(parent, "version"));
        assertEquals("botfleet.version is the parent's own version",
                text(parent, "version"), property(parent, "botfleet.version"));
        for (String key : List.of("bnd.version", "compiler-plugin.version", "surefire.version",
                "jar-plugin.version", "resources-plugin.version", "install-plugin.version",
                "clean-plugin.version")) {
            assertEquals(key, property(root, key), property(parent, key));
        }
    }

    private static Document pom(String path) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve(path).toFile());
    }

    /** A direct child of project. */
    private static String text(Document pom, String name) {
        for (Node n = pom.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        throw new AssertionError("no <" + name + "> in the pom");
    }

    private static String property(Document pom, String key) {
        Node properties = pom.getElementsByTagName("properties").item(0);
        assertNotNull(properties);
        for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(key)) {
                return e.getTextContent().trim();
            }
        }
        throw new AssertionError("no property " + key);
    }
}
