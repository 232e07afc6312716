package io.botfleet.control.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.Role;
import io.botfleet.api.store.StoreConflictException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TokenServiceTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String KEY = "3c".repeat(32);

    private InMemoryStores.Tokens tokens;
    private InMemoryStores.Installation installation;
    private TokenService service;

    @Before
    public void setUp() {
        tokens = new InMemoryStores.Tokens();
        installation = new InMemoryStores.Installation();
        service = new TokenService();
        service.start(tokens, KEY, 0);
    }

    @Test
    public void issuedTokenAuthenticatesAndOnlyItsKeyedHashIsStored() {
        String token = service.create("ci", Role.OPERATOR);
        assertTrue(token.startsWith("bf_"));
        assertTrue(token.length() >= 40);
        assertEquals(Optional.of(new Principal("ci", Role.OPERATOR)), service.authenticate(token));
        ApiToken stored = tokens.byName.get("ci");
        assertFalse(stored.hash().contains(token));
        assertEquals(64, stored.hash().length()); // hex HMAC-SHA256
        assertEquals(new TokenHasher(KEY).hash(token), stored.hash());
    }

    @Test
    public void hashDependsOnTheInstallationKey() {
        String a = new TokenHasher("00".repeat(32)).hash("bf_same");
        String b = new TokenHasher("01".repeat(32)).hash("bf_same");
        assertNotEquals(a, b);
    }

    @Test
    public void unknownMalformedAndRevokedTokensFail() {
        assertTrue(service.authenticate("bf_nonexistent-token-value").isEmpty());
        assertTrue(service.authenticate("").isEmpty());
        assertTrue(service.authenticate("has space").isEmpty());
        assertTrue(service.authenticate(null).isEmpty());
        assertTrue(service.authenticate("x".repeat(300)).isEmpty());
        service.create("admin2", Role.ADMIN);
        String viewer = service.create("v", Role.VIEWER);
        assertTrue(service.revoke("v"));
        assertTrue(service.authenticate(viewer).isEmpty());
        assertFalse(service.revoke("v"));
    }

    @Test
    public void revokeClearsTheCacheAtOnce() {
        service.start(tokens, KEY, 60_000); // a long cache: revoke must still win
        service.create("root", Role.ADMIN);
        String token = service.create("op", Role.OPERATOR);
        assertTrue(service.authenticate(token).isPresent());
        assertTrue(service.authenticate(token).isPresent());
        assertEquals("second look-up served from the cache", 1, tokens.lookups.get());
        service.revoke("op");
        assertTrue(service.authenticate(token).isEmpty());
    }

    @Test
    public void duplicateNamesConflictAndBadNamesAreRefused() {
        service.create("ci", Role.VIEWER);
        try {
            service.create("ci", Role.VIEWER);
            fail();
        } catch (StoreConflictException expected) {
            // the HTTP layer maps it to 409
        }
        try {
            service.create("bad name", Role.VIEWER);
            fail();
        } catch (IllegalArgumentException expected) {
            // 400
        }
    }

    @Test
    public void theLastAdminTokenCannotBeRevoked() {
        service.create("admin", Role.ADMIN);
        try {
            service.revoke("admin");
            fail();
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("last admin"));
        }
        service.create("admin-b", Role.ADMIN);
        assertTrue(service.revoke("admin"));
    }

    @Test
    public void firstStartWritesAnOwnerOnlyAdminTokenFileOnce() throws Exception {
        Path home = tmp.getRoot().toPath();
        new AdminTokenBootstrap(service, tokens, installation, home).ensureAdminToken(null);
        Path file = home.resolve("data/admin.token");
        String token = Files.readString(file).trim();
        assertEquals(Role.ADMIN, service.authenticate(token).orElseThrow().role());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // a second start changes nothing
        Files.delete(file);
        new AdminTokenBootstrap(service, tokens, installation, home).ensureAdminToken(null);
        assertFalse(Files.exists(file));
        assertEquals(1, tokens.byName.size());
    }

    @Test
    public void anUnusableEnvironmentTokenFallsBackToAGeneratedOne() throws Exception {
        Path home = tmp.getRoot().toPath();
        new AdminTokenBootstrap(service, tokens, installation, home).ensureAdminToken("has spaces in it");
        String token = Files.readString(home.resolve("data/admin.token")).trim();
        assertEquals(Role.ADMIN, service.authenticate(token).orElseThrow().role());
    }

    @Test
    public void environmentTokenIsAdoptedAndReplacesAnOldOne() {
        Path home = tmp.getRoot().toPath();
        new AdminTokenBootstrap(service, tokens, installation, home).ensureAdminToken("first-admin-token-123");
        assertEquals(Role.ADMIN, service.authenticate("first-admin-token-123").orElseThrow().role());
        assertFalse(Files.exists(home.resolve("data/admin.token")));
        new AdminTokenBootstrap(service, tokens, installation, home).ensureAdminToken("second-admin-token-456");
        assertTrue(service.authenticate("first-admin-token-123").isEmpty());
        assertTrue(service.authenticate("second-admin-token-456").isPresent());
        assertEquals(1, tokens.byName.size());
    }

    @Test
    public void theLogSaysWhereTheGeneratedTokenIsNeverTheToken() throws Exception {
        Path home = tmp.getRoot().toPath();
        List<String> lines = new ArrayList<>();
        new AdminTokenBootstrap(service, tokens, installation, home, RecordingLogger.of(lines)).ensureAdminToken(null);
        Path file = home.resolve("data/admin.token");
        String token = Files.readString(file).trim();
        assertTrue(lines.toString(), lines.stream().anyMatch(l -> l.contains(file.toString())));
        assertFalse(lines.toString(), lines.stream().anyMatch(l -> l.contains(token)));
    }

    @Test
    public void aTokenFileThatCannotBeWrittenCreatesNoTokenNobodyCouldRead() throws Exception {
        Path home = tmp.getRoot().toPath();
        Files.createDirectories(home.resolve("data"));
        Files.createDirectory(home.resolve("data/admin.token")); // a folder where the file should go
        Files.writeString(home.resolve("data/admin.token/keep"), "not empty");
        List<String> lines = new ArrayList<>();
        new AdminTokenBootstrap(service, tokens, installation, home, RecordingLogger.of(lines)).ensureAdminToken(null);
        assertTrue(tokens.byName.isEmpty());
        assertTrue(lines.toString(), lines.stream().anyMatch(l -> l.contains("BOTFLEET_ADMIN_TOKEN")));
    }
}
