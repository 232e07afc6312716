package io.botfleet.control.auth;

import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.Role;
import io.botfleet.api.store.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The first admin token, exactly as API.md says: from {@code BOTFLEET_ADMIN_TOKEN} when set,
 * otherwise generated once and written to {@code data/admin.token} (owner-only); the log says
 * where it is, never the token itself.
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
    private final Logger log;

    AdminTokenBootstrap(TokenService service, TokenStore tokens, InstallationStore installation, Path home) {
        this(service, tokens, installation, home, TokenService.log());
    }

    AdminTokenBootstrap(TokenService service, TokenStore tokens, InstallationStore installation, Path home,
            Logger log) {
        this.service = service;
        this.tokens = tokens;
        this.installation = installation;
        this.home = home;
        this.log = log;
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
        Path file = home.resolve("data").resolve("admin.token");
        try {
            writeTokenFile(file, token); // first: a token nobody can read would lock everyone out
        } catch (UncheckedIOException e) {
            log.error("Could not write the admin token file {} ({}); no admin token was created. Fix the"
                    + " folder's permissions or set {} and restart", file, e.getCause().toString(), ENV);
            return;
        }
        service.createWithValue(TokenService.ADMIN_TOKEN_NAME, Role.ADMIN, token);
        installation.getOrCreate(ISSUED_MARKER, Instant.now().toString());
        // where, never what: log files are collected, copied and shipped far more than data/ is
        log.warn("First start: created admin token '{}'; it is in {} (owner-only)",
                TokenService.ADMIN_TOKEN_NAME, file);
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

    /**
     * Writes the token so that only the owner can read it, also on a shared machine: into a
     * new owner-only file beside it, then moved into place, so a reader never sees it half-written.
     */
    private static void writeTokenFile(Path file, String token) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
                temporary.toFile().setReadable(false, false);
                temporary.toFile().setReadable(true, true);
                temporary.toFile().setWritable(false, false);
                temporary.toFile().setWritable(true, true);
            }
            try {
                Files.writeString(temporary, token + "\n", StandardCharsets.US_ASCII);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary); // gone after the move; after a failure, no stray copy
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the admin token to " + file, e);
        }
    }
}
