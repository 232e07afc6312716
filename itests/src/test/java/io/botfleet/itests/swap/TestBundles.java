package io.botfleet.itests.swap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;

/**
 * Strategy bundles built on the fly, as real jars: the way an operator's build would make them.
 * Reproducible: the same inputs give the same bytes (fixed entry times), as a release build does,
 * so deploying the same bundle twice is recognised as the same content.
 */
public final class TestBundles {

    private static final long ENTRY_TIME = 1_700_000_000_000L;

    private TestBundles() {
    }

    /** A jar with {@code manifest} first, then the entries, every entry stamped with one fixed time. */
    private static byte[] jar(Manifest manifest, java.util.Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(ENTRY_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setTime(ENTRY_TIME);
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static java.util.Map<String, byte[]> entriesOf(JarInputStream in) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
            if (!e.isDirectory()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** The shipped SMA bundle's jar with another Bundle-Version: the same code, released again. */
    public static byte[] reversioned(Bundle shipped, String version) throws IOException {
        String location = shipped.getLocation().replaceFirst("^reference:", "");
        try (InputStream raw = new URL(location).openStream();
             JarInputStream in = new JarInputStream(raw, false)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            return jar(manifest, entriesOf(in));
        }
    }

    /**
     * A bundle holding one strategy class of this test module with a Declarative Services
     * descriptor: prototype scope, the given strategy id, importing only the platform API.
     */
    public static byte[] strategyBundle(String symbolicName, String version, Class<?> implementation, String strategyId)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Import-Package", importsOfStrategy());
        main.putValue("Service-Component", "OSGI-INF/strategy.xml");
        String classFile = implementation.getName().replace('.', '/') + ".class";
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + implementation.getName() + "\">\n"
                + "  <implementation class=\"" + implementation.getName() + "\"/>\n"
                + "  <service scope=\"prototype\"><provide interface=\"io.botfleet.api.strategy.Strategy\"/></service>\n"
                + "  <property name=\"strategy.id\" value=\"" + strategyId + "\"/>\n"
                + "</scr:component>\n";
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (InputStream classBytes = implementation.getClassLoader().getResourceAsStream(classFile)) {
            entries.put(classFile, classBytes.readAllBytes());
        }
        entries.put("OSGI-INF/strategy.xml", xml.getBytes(StandardCharsets.UTF_8));
        return jar(manifest, entries);
    }

    /** A bundle that provides a strategy but needs a package nobody exports. */
    public static byte[] unresolvable() throws IOException {
        byte[] jar = strategyBundle("test.unresolvable", "1.0.0", RecordingStrategy.class, "recording");
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Import-Package",
                    manifest.getMainAttributes().getValue("Import-Package") + ",com.nowhere.missing;version=\"[3,4)\"");
            return jar(manifest, entriesOf(in));
        }
    }

    /** A strategy bundle that also imports a package another bundle of the server exports (its Jackson). */
    public static byte[] importingServerLibrary() throws IOException {
        return withHeader("test.serverlibrary", "Import-Package", importsOfStrategy()
                + ",com.fasterxml.jackson.databind;version=\"[2,3)\"");
    }

    /** A strategy bundle that would import whatever it finds at run time. */
    public static byte[] importingDynamically() throws IOException {
        return withHeader("test.dynamic", "DynamicImport-Package", "*");
    }

    private static String importsOfStrategy() {
        return "io.botfleet.api.market;version=\"[1.0,2)\",io.botfleet.api.strategy;version=\"[1.0,2)\"";
    }

    private static byte[] withHeader(String symbolicName, String header, String value) throws IOException {
        byte[] jar = strategyBundle(symbolicName, "1.0.0", RecordingStrategy.class, "recording");
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue(header, value);
            return jar(manifest, entriesOf(in));
        }
    }

    /** A plain bundle with no component at all. */
    public static byte[] withoutStrategy() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.empty");
        main.putValue("Bundle-Version", "1.0.0");
        return jar(manifest, java.util.Map.of());
    }
}
