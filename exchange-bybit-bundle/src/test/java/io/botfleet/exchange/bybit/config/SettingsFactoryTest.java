package io.botfleet.exchange.bybit.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.exchange.bybit.BybitSettings;
import io.botfleet.exchange.bybit.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class SettingsFactoryTest {

    private static Map<String, Object> base() {
        Map<String, Object> m = new HashMap<>();
        m.put("service.pid", "io.botfleet.exchange.bybit~main");
        m.put("apiKey", "abcdKEY");
        return m;
    }

    @Test
    public void accountDefaultsToTheConfigurationNameAndUrlsToMainnet() {
        Map<String, Object> m = base();
        m.put("apiSecret", "s3cr3t");
        BybitSettings s = SettingsFactory.fromMap(m, k -> null);
        assertEquals("main", s.account());
        assertEquals(Category.LINEAR, s.category());
        assertEquals("https://api.bybit.com", s.restUrl().toString());
        assertEquals("wss://stream.bybit.com/v5/public/linear", s.wsPublicUrl().toString());
        assertEquals("wss://stream.bybit.com/v5/private", s.wsPrivateUrl().toString());
        assertEquals(5000, s.recvWindow());
        assertFalse(s.toString().contains("s3cr3t"));
        assertFalse(s.toString().contains("abcdKEY"));
    }

    @Test
    public void testnetSpotFromEnvironmentVariable() {
        Map<String, Object> m = base();
        m.put("account", "alt");
        m.put("category", "spot");
        m.put("environment", "testnet");
        m.put("apiSecretEnv", "BYBIT_SECRET");
        m.put("recvWindow", "10000");
        BybitSettings s = SettingsFactory.fromMap(m, k -> k.equals("BYBIT_SECRET") ? "fromenv" : null);
        assertEquals("alt", s.account());
        assertEquals("https://api-testnet.bybit.com", s.restUrl().toString());
        assertEquals("wss://stream-testnet.bybit.com/v5/public/spot", s.wsPublicUrl().toString());
        assertEquals(10000, s.recvWindow());
    }

    @Test
    public void secretFromFileAndExplicitUrls() throws Exception {
        Path f = Files.createTempFile("bybit", ".secret");
        Files.writeString(f, "filesecret\n");
        Map<String, Object> m = base();
        m.put("apiSecretFile", f.toString());
        m.put("restUrl", "http://127.0.0.1:1234/");
        m.put("wsPublicUrl", "ws://127.0.0.1:1235/v5/public/linear");
        m.put("wsPrivateUrl", "ws://127.0.0.1:1235/v5/private");
        BybitSettings s = SettingsFactory.fromMap(m, k -> null);
        assertEquals("http://127.0.0.1:1234", s.restUrl().toString());
        Files.delete(f);
    }

    @Test
    public void restUrlWithStreamsOfAnotherEnvironmentIsRefused() {
        Map<String, Object> m = base();
        m.put("apiSecret", "s3cr3t");
        m.put("restUrl", "http://127.0.0.1:1234");
        m.put("wsPublicUrl", "ws://127.0.0.1:1235/v5/public/linear");
        try {
            SettingsFactory.fromMap(m, k -> null);
            fail("a private stream from mainnet for orders sent to a local server was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("restUrl is set to http://127.0.0.1:1234"));
            assertTrue(e.getMessage(), e.getMessage().contains("wsPrivateUrl (wss://stream.bybit.com/v5/private)"));
            assertFalse(e.getMessage(), e.getMessage().contains("wsPublicUrl ("));
            assertTrue(e.getMessage(), e.getMessage().contains("falls back to the mainnet defaults"));
        }
        m.remove("wsPublicUrl");
        m.put("restUrl", "https://api-testnet.bybit.com/");
        try {
            SettingsFactory.fromMap(m, k -> null);
            fail("testnet orders priced by mainnet streams were accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("wsPublicUrl (wss://stream.bybit.com/v5/public/linear)"
                    + " and wsPrivateUrl (wss://stream.bybit.com/v5/private) fall back to the mainnet defaults"));
            assertTrue(e.getMessage(), e.getMessage().contains("set environment=testnet and remove restUrl"));
        }
        m.put("environment", "testnet"); // the environment's own REST URL, spelled out: fine
        assertEquals("wss://stream-testnet.bybit.com/v5/private", SettingsFactory.fromMap(m, k -> null).wsPrivateUrl().toString());
        m.put("environment", "mainnet");
        m.put("restUrl", "https://api.bybit.com");
        assertEquals("https://api.bybit.com", SettingsFactory.fromMap(m, k -> null).restUrl().toString());
    }

    @Test
    public void requestTimeoutFromConfigurationWithinBounds() {
        Map<String, Object> m = base();
        m.put("apiSecret", "s3cr3t");
        assertEquals(10_000, SettingsFactory.fromMap(m).tuning().requestTimeout().toMillis());
        m.put("requestTimeoutMillis", 2500L);
        assertEquals(2_500, SettingsFactory.fromMap(m).tuning().requestTimeout().toMillis());
        for (Object bad : new Object[] {"soon", 50L, 500_000L}) {
            m.put("requestTimeoutMillis", bad);
            try {
                SettingsFactory.fromMap(m);
                fail("accepted requestTimeoutMillis=" + bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("requestTimeoutMillis"));
            }
        }
    }

    @Test
    public void missingSecretSaysWhereItLookedWithoutValues() {
        Map<String, Object> m = base();
        m.put("apiSecretEnv", "NOPE");
        try {
            SettingsFactory.fromMap(m, k -> null);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("NOPE"));
        }
    }

    @Test
    public void unencryptedUrlsToAnotherHostAreRefusedUnlessAllowedOutright() {
        Map<String, Object> m = base();
        m.put("apiSecret", "s3cr3t");
        m.put("restUrl", "http://bybit.example.net");
        m.put("wsPublicUrl", "wss://stream.bybit.com/v5/public/linear");
        m.put("wsPrivateUrl", "wss://stream.bybit.com/v5/private");
        try {
            SettingsFactory.fromMap(m, k -> null);
            fail("http:// to another machine is refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("restUrl") && e.getMessage().contains("allowInsecureUrl"));
        }
        m.put("restUrl", "https://bybit.example.net");
        m.put("wsPrivateUrl", "ws://10.1.2.3:9000/v5/private");
        try {
            SettingsFactory.fromMap(m, k -> null);
            fail("ws:// to another machine is refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("wsPrivateUrl"));
        }
        m.put("allowInsecureUrl", Boolean.TRUE);
        assertEquals("ws://10.1.2.3:9000/v5/private", SettingsFactory.fromMap(m, k -> null).wsPrivateUrl().toString());
    }

    @Test
    public void unencryptedUrlsToThisMachineStayPossible() {
        for (String host : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
            Map<String, Object> m = base();
            m.put("apiSecret", "s3cr3t");
            m.put("restUrl", "http://" + host + ":8089");
            m.put("wsPublicUrl", "ws://" + host + ":8089/v5/public/linear");
            m.put("wsPrivateUrl", "ws://" + host + ":8089/v5/private");
            assertEquals("http://" + host + ":8089", SettingsFactory.fromMap(m, k -> null).restUrl().toString());
        }
    }
}
