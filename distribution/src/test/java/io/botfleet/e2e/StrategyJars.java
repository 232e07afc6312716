package io.botfleet.e2e;

import io.botfleet.distribution.DistributionProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Jars for the upload and swap tests, made from the distribution's own bundles. */
public final class StrategyJars {

    private StrategyJars() {
    }

    /** The shipped SMA strategy with another Bundle-Version: the same code, released again. */
    public static byte[] smaVersion(String version) throws IOException {
        Path shipped;
        try (Stream<Path> bundles = Files.list(DistributionProcess.distribution().resolve("bundle"))) {
            shipped = bundles.filter(p -> p.getFileName().toString().startsWith("strategy-sma-bundle-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no strategy-sma-bundle jar in bundle/"));
        }
        try (InputStream raw = Files.newInputStream(shipped); JarInputStream in = new JarInputStream(raw, false)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }

    /** A zip with a jar's name but no manifest: not an OSGi bundle. */
    public static byte[] notABundle() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("not a bundle".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
