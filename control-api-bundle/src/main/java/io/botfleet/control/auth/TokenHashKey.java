package io.botfleet.control.auth;

import io.botfleet.api.store.InstallationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The key token hashes are made with, kept apart from the hashes: a database dump alone is then
 * no help in testing guesses offline. From {@code BOTFLEET_TOKEN_HASH_KEY} (64+ hex digits) when
 * set, else from {@code data/token-hash.key} (owner-only), created at the first start.
 *
 * <p>Installations from before kept the key in the database ({@code installation} value
 * {@code token-hmac-key}); at their first start with this version the key is written to the file
 * (or the environment's key is taken) and then deleted from the database, so every token issued
 * before keeps working and the key leaves the database for good.
 */
final class TokenHashKey {

    static final String ENV = "BOTFLEET_TOKEN_HASH_KEY";
    static final String FILE = "token-hash.key";
    /** Where earlier versions kept the key, in the same database as the hashes. */
    static final String LEGACY_NAME = "token-hmac-key";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dataFolder;
    private final InstallationStore installation;
    private final Logger log;

    TokenHashKey(Path dataFolder, InstallationStore installation, Logger log) {
        this.dataFolder = dataFolder;
        this.installation = installation;
        this.log = log;
    }

    /** The hex key; moves a key still in the database out of it. */
    String load(String fromEnvironment, SecureRandom random) {
        Optional<String> legacy = installation.get(LEGACY_NAME);
        String key;
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            key = validated(fromEnvironment.trim(), ENV);
            if (legacy.isPresent() && !legacy.get().equalsIgnoreCase(key)) {
                log.warn("{} differs from the key this database was used with: tokens issued before no"
                        + " longer authenticate (BOTFLEET_ADMIN_TOKEN still recreates the admin token)", ENV);
            }
        } else {
            Path file = dataFolder.resolve(FILE);
            if (Files.exists(file)) {
                key = validated(read(file), file.toString());
                tightenToOwnerOnly(file);
            } else {
                key = legacy.orElseGet(() -> TokenHasher.newHexKey(random));
                write(file, key);
                log.info("Token hash key {} {}", legacy.isPresent() ? "moved from the database to" : "created in", file);
            }
        }
        if (legacy.isPresent()) {
            installation.remove(LEGACY_NAME); // only once the key is safe elsewhere
        }
        return key;
    }

    private static String validated(String hex, String source) {
        try {
            if (HexFormat.of().parseHex(hex).length >= 32) {
                return hex;
            }
        } catch (IllegalArgumentException notHex) {
            // reported below
        }
        throw new IllegalStateException(source + " must hold a key of at least 64 hex digits");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token hash key " + file, e);
        }
    }

    /** Written beside and moved into place: never a half-written or world-readable key. */
    private static void write(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE + ".new");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token hash key " + file, e);
        }
    }

    private void tightenToOwnerOnly(Path file) {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                log.warn("{} was readable by others; now owner-only", file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten on this file system
        } catch (IOException e) {
            log.warn("cannot make {} owner-only: {}", file, e.toString());
        }
    }
}
