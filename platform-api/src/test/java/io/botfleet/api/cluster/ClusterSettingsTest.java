package io.botfleet.api.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.Test;

public class ClusterSettingsTest {

    @Test
    public void withoutKeysClusterModeIsOffWithTheDefaults() {
        ClusterSettings s = ClusterSettings.read(Map.of(), "host-1:8080");
        assertFalse(s.enabled());
        assertEquals("host-1:8080", s.nodeId());
        assertEquals("", s.advertisedUrl());
        assertEquals(10, s.leaseSeconds());
        assertEquals(3, s.renewSeconds());
        assertEquals(OptionalInt.empty(), s.maxBots());
    }

    @Test
    public void keysAsAFileGivesThem() {
        ClusterSettings s = ClusterSettings.read(Map.of("enabled", "true", "nodeId", " node-a ",
                "advertisedUrl", "http://a:8080", "leaseSeconds", "20", "renewSeconds", "5", "maxBots", "300"), "x:1");
        assertTrue(s.enabled());
        assertEquals("node-a", s.nodeId());
        assertEquals("http://a:8080", s.advertisedUrl());
        assertEquals(20, s.leaseSeconds());
        assertEquals(5, s.renewSeconds());
        assertEquals(OptionalInt.of(300), s.maxBots());
    }

    @Test
    public void badValuesAreRefusedNamingTheKey() {
        assertMessage("enabled must be true or false, was 'yes'", Map.of("enabled", "yes"));
        assertMessage("leaseSeconds must be a whole number, was '10s'", Map.of("leaseSeconds", "10s"));
        assertMessage("renewSeconds must be at least 1 and at most half of leaseSeconds (10), was 6: a lease must "
                + "survive one missed renewal", Map.of("renewSeconds", "6"));
        assertMessage("maxBots must be 0 or more, was -1", Map.of("maxBots", "-1"));
    }

    @Test
    public void theDefaultNodeIdIsHostAndPort() {
        assertEquals("db-7:9090", ClusterSettings.defaultNodeId("db-7", "9090"));
        assertEquals("db-7:8080", ClusterSettings.defaultNodeId("db-7", null));
    }

    private static void assertMessage(String expected, Map<String, ?> properties) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.read(properties, "h:1"));
        assertEquals(expected, e.getMessage());
    }

    @Test
    public void withoutAnAdvertisedUrlANodeIsReachedWhereItsHttpBinds() {
        assertEquals("http://127.0.0.1:8081", ClusterSettings.defaultAdvertisedUrl("127.0.0.1", "h1", "8081"));
        assertEquals("http://h1:8081", ClusterSettings.defaultAdvertisedUrl("0.0.0.0", "h1", "8081"));
        assertEquals("http://h1:8080", ClusterSettings.defaultAdvertisedUrl(null, "h1", null));
        assertEquals("http://[::1]:9000", ClusterSettings.defaultAdvertisedUrl("::1", "h1", "9000"));
    }
}
