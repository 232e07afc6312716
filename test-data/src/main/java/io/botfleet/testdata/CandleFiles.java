package io.botfleet.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The real candle files shipped with the project's tests ({@code UNITTEST_BTC-1m.csv},
 * {@code ETH_BTC-1m.csv}: see this module's README), found on the class path.
 *
 * <p>They are resources rather than a folder the tests walk up to, so that a module's tests, a
 * Pax Exam driver and a benchmark jar all find them the same way, from any working folder. Some
 * consumers need a file (a paper exchange replays a path); inside a jar the resource is copied
 * once per JVM to a temporary file.
 */
public final class CandleFiles {

    public static final String UNITTEST_BTC = "UNITTEST_BTC-1m.csv";
    public static final String ETH_BTC = "ETH_BTC-1m.csv";

    private static final ConcurrentMap<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private CandleFiles() {
    }

    /** The file's bytes, header line first. */
    public static InputStream open(String name) {
        InputStream in = CandleFiles.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalArgumentException("no candle file " + name + " in the test data");
        }
        return in;
    }

    /** A path to the file on disk: the resource itself, or a copy of it when it sits in a jar. */
    public static Path path(String name) {
        URL url = CandleFiles.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no candle file " + name + " in the test data");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(url + " is not a file path", e);
            }
        }
        return EXTRACTED.computeIfAbsent(name, CandleFiles::extract);
    }

    /** A folder holding every candle file (for consumers configured with a folder). */
    public static Path folder() {
        Path folder = path(UNITTEST_BTC).getParent();
        path(ETH_BTC);
        return folder;
    }

    private static Path extract(String name) {
        try (InputStream in = open(name)) {
            Path file = ExtractFolder.PATH.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + name + " out of the test data jar", e);
        }
    }

    /** One temporary folder per JVM, made on first use (deleted last: registered before its files). */
    private static final class ExtractFolder {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("botfleet-test-data");
                dir.toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a folder for the test data", e);
            }
        }
    }
}
