package io.botfleet.runtime.deploy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A jar as the framework will load it, checked before anything else reads it. Felix installs a
 * bundle from the jar's central directory, while a {@link ZipInputStream} reads the local headers
 * from the front: a jar whose two views differ could show a checker one thing and install another.
 * So the jar is opened by its central directory (as a file, exactly as Felix keeps it), and
 * refused when:
 * <ul>
 * <li>it is larger than {@link JarLimits#maxJarBytes()};</li>
 * <li>two entries have the same name, also when they differ only in case;</li>
 * <li>the central directory and the local headers do not list the same entries with the same
 *     inflated content (size and CRC-32);</li>
 * <li>an entry inflates beyond the limits (a zip bomb), counted as it inflates and never trusting
 *     the sizes the jar declares.</li>
 * </ul>
 * The manifest and the Declarative Services descriptors it names are kept from the central
 * directory's view; everything else is only counted.
 */
public final class CheckedJar implements AutoCloseable {

    static final String MANIFEST = JarFile.MANIFEST_NAME;

    private record Inflated(long size, long crc) {
    }

    private final byte[] bytes;
    private final Path file;
    private final Manifest manifest;
    private final Map<String, byte[]> kept;

    private CheckedJar(byte[] bytes, Path file, Manifest manifest, Map<String, byte[]> kept) {
        this.bytes = bytes;
        this.file = file;
        this.manifest = manifest;
        this.kept = kept;
    }

    /** @throws DeployRefusedException saying what is wrong; nothing is left behind */
    public static CheckedJar open(byte[] jar, JarLimits limits) {
        if (jar == null || jar.length == 0) {
            throw new DeployRefusedException("the body is empty: send the bundle jar");
        }
        if (jar.length > limits.maxJarBytes()) {
            throw new DeployRefusedException("too large: the jar is " + jar.length + " bytes, at most "
                    + limits.maxJarBytes() + " are accepted (maxJarBytes)");
        }
        Path file;
        try {
            file = Files.createTempFile("botfleet-deploy-", ".jar");
            Files.write(file, jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the jar to a temporary file", e);
        }
        try {
            return check(jar, file, limits);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static CheckedJar check(byte[] jar, Path file, JarLimits limits) {
        Map<String, byte[]> kept = new HashMap<>();
        Map<String, Inflated> directory;
        Manifest manifest;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            refuseDuplicates(entries);
            Budget budget = new Budget(limits);
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            manifest = null;
            Set<String> descriptors = Set.of();
            if (manifestEntry != null) {
                ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
                try (InputStream in = zip.getInputStream(manifestEntry)) {
                    inflate(in, manifestEntry, new Budget(limits), manifestBytes);
                }
                manifest = new Manifest(new ByteArrayInputStream(manifestBytes.toByteArray()));
                kept.put(MANIFEST, manifestBytes.toByteArray());
                descriptors = ProvidedServices.descriptorPaths(manifest);
            }
            directory = new LinkedHashMap<>();
            for (ZipEntry entry : entries) {
                ByteArrayOutputStream keep = descriptors.contains(entry.getName()) ? new ByteArrayOutputStream() : null;
                try (InputStream in = zip.getInputStream(entry)) {
                    directory.put(entry.getName(), inflate(in, entry, budget, keep));
                }
                if (keep != null) {
                    kept.put(entry.getName(), keep.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new DeployRefusedException("not a jar: " + e.getMessage());
        }
        compareWithLocalHeaders(jar, directory, limits);
        return new CheckedJar(jar, file, manifest, Map.copyOf(kept));
    }

    private static void refuseDuplicates(List<? extends ZipEntry> entries) {
        Map<String, String> seen = new HashMap<>();
        for (ZipEntry entry : entries) {
            String previous = seen.putIfAbsent(entry.getName().toLowerCase(Locale.ROOT), entry.getName());
            if (previous != null) {
                throw new DeployRefusedException("malformed jar: the entry " + entry.getName()
                        + (previous.equals(entry.getName()) ? " appears twice"
                        : " differs only in case from " + previous) + " in its central directory");
            }
        }
    }

    /** The local headers, read front to back as a stream reads them, must show exactly the directory's entries. */
    private static void compareWithLocalHeaders(byte[] jar, Map<String, Inflated> directory, JarLimits limits) {
        Map<String, Inflated> stream = new HashMap<>();
        Budget budget = new Budget(limits);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (stream.put(entry.getName(), inflate(in, entry, budget, null)) != null) {
                    throw new DeployRefusedException("malformed jar: the entry " + entry.getName()
                            + " appears twice in its local headers");
                }
                Inflated listed = directory.get(entry.getName());
                if (listed == null) {
                    throw new DeployRefusedException("malformed jar: the entry " + entry.getName()
                            + " has a local header but is not in the central directory");
                }
                if (!listed.equals(stream.get(entry.getName()))) {
                    throw new DeployRefusedException("malformed jar: the entry " + entry.getName()
                            + " has other content in its local header than in the central directory");
                }
            }
        } catch (IOException e) {
            throw new DeployRefusedException("not a jar: " + e.getMessage());
        }
        for (String name : directory.keySet()) {
            if (!stream.containsKey(name)) {
                throw new DeployRefusedException("malformed jar: the central directory lists " + name
                        + ", which reading the jar from the front never reaches");
            }
        }
    }

    /** Inflates one entry, counting every byte against the limits as it comes. */
    private static Inflated inflate(InputStream in, ZipEntry entry, Budget budget, ByteArrayOutputStream keep)
            throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[8192];
        long size = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            size += n;
            budget.add(entry, size, n);
            crc.update(buffer, 0, n);
            if (keep != null) {
                keep.write(buffer, 0, n);
            }
        }
        budget.checkRatio(entry, size);
        return new Inflated(size, crc.getValue());
    }

    /** The inflated bytes of one reading of the jar. */
    private static final class Budget {
        private final JarLimits limits;
        private long total;

        Budget(JarLimits limits) {
            this.limits = limits;
        }

        void add(ZipEntry entry, long entrySize, int more) {
            total += more;
            if (entrySize > limits.maxEntryBytes()) {
                throw new DeployRefusedException("zip bomb: the entry " + entry.getName() + " inflates to more than "
                        + limits.maxEntryBytes() + " bytes (maxEntryBytes)");
            }
            if (total > limits.maxInflatedBytes()) {
                throw new DeployRefusedException("zip bomb: the entries inflate to more than "
                        + limits.maxInflatedBytes() + " bytes in all (maxInflatedBytes)");
            }
            checkRatio(entry, entrySize);
        }

        /** Known up front from the central directory; from the local header once a stream has read the entry. */
        void checkRatio(ZipEntry entry, long entrySize) {
            long compressed = entry.getCompressedSize();
            if (compressed >= 0 && entrySize > JarLimits.RATIO_FLOOR
                    && entrySize > compressed * limits.maxCompressionRatio()) {
                throw new DeployRefusedException("zip bomb: the entry " + entry.getName() + " inflates more than "
                        + limits.maxCompressionRatio() + " times its compressed size of " + compressed
                        + " bytes (maxCompressionRatio)");
            }
        }
    }

    /** The jar's bytes, as checked. */
    public byte[] bytes() {
        return bytes;
    }

    /** The jar as a file (deleted by {@link #close()}), for reading it by its central directory again. */
    public Path file() {
        return file;
    }

    /** The manifest from the central directory, as the framework reads it; empty when there is none. */
    public Optional<Manifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /** A Declarative Services descriptor named by the manifest, as the central directory holds it. */
    public Optional<byte[]> descriptor(String path) {
        return Optional.ofNullable(kept.get(path));
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
