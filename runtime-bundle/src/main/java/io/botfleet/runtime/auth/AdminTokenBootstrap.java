package io.botfleet.runtime.auth;

import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.Role;
import io.botfleet.api.store.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The first admin token, exactly as API.md says: from {@code BOTFLEET_ADMIN_TOKEN} when set,
 * otherwise generated once, written to {@code data/admin.token} (owner-only) and logged once.
 *
 * <p>When the variable is set it is authoritative for the token named {@code admin}: a changed
 * value replaces the stored one at the next start, which is how an operator who lost the admin
 * token recovers. Whoever can set the process environment controls the server anyway.
 */
final class AdminTokenBootstrap {

    static final String ENV = "BOTFLEET_ADMIN_TOKEN";
    static final String ISSUED_MARKER = "admin-token-issued";

    private final TokenService service;
    private final TokenStore tokens;
    private final InstallationStore installation;
    private final Path home;
    private final Logger log = TokenService.log();

    AdminTokenBootstrap(TokenService service, TokenStore tokens, InstallationStore installation, Path home) {
        this.service = service;
        this.tokens = tokens;
        this.installation = installation;
        this.home = home;
    }

    void ensureAdminToken(String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            if (adoptEnvironmentToken(fromEnvironment.trim())) {
                return;
            }
            // unusable: fall back to a generated token rather than leave no way in
        }
        if (installation.get(ISSUED_MARKER).isPresent()
                || tokens.list().stream().anyMatch(t -> t.role() == Role.ADMIN)) {
            return;
        }
        String token = service.newToken();
        service.createWithValue(TokenService.ADMIN_TOKEN_NAME, Role.ADMIN, token);
        Path file = home.resolve("data").resolve("admin.token");
        try {
            writeTokenFile(file, token);
        } catch (UncheckedIOException e) {
            // The token exists and is logged below; failing activation would lock everyone out.
            log.error("Could not write the admin token file {}: {}", file, e.getCause().toString());
        }
        installation.getOrCreate(ISSUED_MARKER, Instant.now().toString());
        // API.md asks for the generated token to be logged once; this is that one time.
        log.warn("First start: created admin token '{}' (also in {}, owner-only): {}",
                TokenService.ADMIN_TOKEN_NAME, file, token);
    }

    /** @return false when the value cannot be a token (then it is ignored) */
    private boolean adoptEnvironmentToken(String token) {
        if (!TokenService.isWellFormed(token)) {
            log.error("{} is set but is not a usable token (8-256 characters of [A-Za-z0-9._~+/=-]); ignored",
                    ENV);
            return false;
        }
        if (token.length() < 16) {
            log.warn("{} is shorter than 16 characters; use a long random value in production", ENV);
        }
        if (service.exists(token)) {
            installation.getOrCreate(ISSUED_MARKER, Instant.now().toString());
            return true;
        }
        boolean replaced = tokens.list().stream().map(ApiToken::name)
                .anyMatch(TokenService.ADMIN_TOKEN_NAME::equals);
        if (replaced) {
            service.revokeUnchecked(TokenService.ADMIN_TOKEN_NAME);
        }
        service.createWithValue(TokenService.ADMIN_TOKEN_NAME, Role.ADMIN, token);
        installation.getOrCreate(ISSUED_MARKER, Instant.now().toString());
        log.info("Admin token '{}' {} from {}", TokenService.ADMIN_TOKEN_NAME,
                replaced ? "replaced" : "created", ENV);
        return true;
    }

    /** Writes the token so that only the owner can read it, also on a shared machine. */
    private static void writeTokenFile(Path file, String token) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                file.toFile().setWritable(false, false);
                file.toFile().setWritable(true, true);
            }
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("could not create " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the admin token to " + file, e);
        }
    }
}
