package io.botfleet.runtime.config;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class ClosestKeyTest {

    private static final List<String> BYBIT = List.of("account", "apiKey", "apiSecret", "apiSecretEnv",
            "apiSecretFile", "category", "environment", "restUrl", "wsPublicUrl", "wsPrivateUrl", "recvWindow",
            "requestTimeoutMillis");

    @Test
    public void abbreviationsAndTyposFindTheKeyMeant() {
        assertEquals(Optional.of("wsPublicUrl"), ClosestKey.among("wsUrl", BYBIT));
        assertEquals(Optional.of("apiKey"), ClosestKey.among("apikey", BYBIT));
        assertEquals(Optional.of("environment"), ClosestKey.among("enviroment", BYBIT));
        assertEquals(Optional.of("recvWindow"), ClosestKey.among("recvWindw", BYBIT));
        assertEquals(Optional.of("restUrl"), ClosestKey.among("restURL", BYBIT));
        assertEquals(Optional.of("wsPrivateUrl"), ClosestKey.among("wsPrivUrl", BYBIT));
        assertEquals(Optional.of("apiSecret"), ClosestKey.among("secret", BYBIT));
    }

    @Test
    public void nothingCloseNothingSuggested() {
        assertEquals(Optional.empty(), ClosestKey.among("leverage", BYBIT));
        assertEquals(Optional.empty(), ClosestKey.among("x", BYBIT));
    }

    @Test
    public void editDistance() {
        assertEquals(3, ClosestKey.editDistance("kitten", "sitting"));
        assertEquals(0, ClosestKey.editDistance("", ""));
        assertEquals(4, ClosestKey.editDistance("", "abcd"));
    }
}
