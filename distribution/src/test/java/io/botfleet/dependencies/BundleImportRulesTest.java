package io.botfleet.dependencies;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.Test;

/**
 * The import rules on the bundles this distribution ships, as built: the module's run-time
 * dependencies (the bundles of bundle/) are on the test class path, each a jar or, in a build
 * that stops before packaging, a classes folder with bnd's manifest.
 */
public class BundleImportRulesTest {

    @Test
    public void shippedBundlesKeepTheLayering() throws IOException {
        Map<String, Manifest> bundles = botfleetBundles();
        assertTrue("the engine and the control API are on the class path: " + bundles.keySet(),
                bundles.containsKey(ImportRules.ENGINE) && bundles.containsKey("io.botfleet.control"));
        List<String> violations = new ArrayList<>();
        bundles.values().forEach(m -> violations.addAll(ImportRules.violations(m)));
        assertEquals(String.join("\n", violations), List.of(), violations);
    }

    /** The rules catch what they are for (the engine's imports before the HTTP face moved out). */
    @Test
    public void servletImportsInTheEngineAndPrivateImportsAreCaught() throws IOException {
        Manifest engine = manifest("Bundle-SymbolicName: io.botfleet.runtime\n"
                + "Import-Package: io.botfleet.api.bot;version=\"[1.1,2)\",jakarta.servlet;version=\"[6.0,7)\","
                + "org.eclipse.jetty.server,org.slf4j\n");
        List<String> violations = ImportRules.violations(engine);
        assertEquals(violations.toString(), 2, violations.size());
        assertTrue(violations.get(0), violations.get(0).contains("jakarta.servlet"));
        Manifest face = manifest("Bundle-SymbolicName: io.botfleet.control;singleton:=true\n"
                + "Import-Package: io.botfleet.api.admin;version=\"[1.0,2)\",io.botfleet.runtime.exchange\n");
        assertEquals(List.of("io.botfleet.control imports io.botfleet.runtime.exchange: another bundle's private"
                + " package; bundles meet only in io.botfleet.api.*"), ImportRules.violations(face));
    }

    private static Manifest manifest(String text) throws IOException {
        return new Manifest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Manifest> botfleetBundles() throws IOException {
        Map<String, Manifest> bundles = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Manifest manifest = manifestOf(Path.of(entry));
            if (manifest == null) {
                continue;
            }
            String name = ImportRules.symbolicName(manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
            if (name != null && name.startsWith("io.botfleet.")) {
                bundles.put(name, manifest);
            }
        }
        return bundles;
    }

    private static Manifest manifestOf(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            Path file = entry.resolve("META-INF").resolve("MANIFEST.MF");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Manifest(in);
            }
        }
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return null;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getManifest();
        }
    }
}
