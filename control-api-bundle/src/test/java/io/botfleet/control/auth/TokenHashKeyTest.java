package io.botfleet.control.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.store.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The token hash key lives outside the database: a file in data/ (owner-only) or the environment. */
public class TokenHashKeyTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final InMemoryStores.Installation installation = new InMemoryStores.Installation();
    private final List<String> log = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    private TokenHashKey key(Path data) {
        return new TokenHashKey(data, installation, RecordingLogger.of(log));
    }

    @Test
    public void aNewInstallationKeepsTheKeyInAnOwnerOnlyFileNotInTheDatabase() throws Exception {
        Path data = tmp.getRoot().toPath().resolve("data");
        String first = key(data).load(null, random);
        Path file = data.resolve(TokenHashKey.FILE);
        assertEquals(first, Files.readString(file).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue("nothing in the database", installation.values.isEmpty());
        assertEquals("the same key at the next start", first, key(data).load(null, random));
    }

    @Test
    public void aKeyStillInTheDatabaseMovesToTheFileAndOldTokensKeepWorking() throws Exception {
        String legacyKey = TokenHasher.newHexKey(random);
        installation.values.put(TokenHashKey.LEGACY_NAME, legacyKey); // as earlier versions stored it
        InMemoryStores.Tokens tokens = new InMemoryStores.Tokens();
        TokenService before = new TokenService();
        before.start(tokens, legacyKey, 0);
        String issued = before.create("ci", Role.OPERATOR);

        Path data = tmp.getRoot().toPath().resolve("data");
        String loaded = key(data).load(null, random);
        assertEquals(legacyKey, loaded);
        assertFalse("the key left the database", installation.values.containsKey(TokenHashKey.LEGACY_NAME));
        assertEquals(legacyKey, Files.readString(data.resolve(TokenHashKey.FILE)).trim());
        TokenService after = new TokenService();
        after.start(tokens, loaded, 0);
        assertEquals(Role.OPERATOR, after.authenticate(issued).orElseThrow().role());
    }

    @Test
    public void theEnvironmentKeyIsUsedAndNothingIsWritten() throws Exception {
        Path data = tmp.getRoot().toPath().resolve("data");
        String fromEnv = "ab".repeat(32);
        assertEquals(fromEnv, key(data).load(fromEnv, random));
        assertFalse(Files.exists(data.resolve(TokenHashKey.FILE)));
        try {
            key(data).load("not-hex", random);
            fail("a malformed key is refused");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains(TokenHashKey.ENV));
        }
    }

    @Test
    public void aKeyFileOthersCouldReadIsMadeOwnerOnly() throws Exception {
        Path data = Files.createDirectories(tmp.getRoot().toPath().resolve("data"));
        Path file = data.resolve(TokenHashKey.FILE);
        Files.writeString(file, "cd".repeat(32) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("cd".repeat(32), key(data).load(null, random));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
