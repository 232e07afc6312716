package io.botfleet.exchange.bybit.sign;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import org.junit.Test;

/** Every signing vector of the Bybit V5 documentation (REST). */
public class BybitSignerTest {

    private final BybitSigner signer = new BybitSigner("test-key", Secret.of("test-secret"));
    private static final long TS = 1700000000000L;

    @Test
    public void getWithRecvWindow() {
        assertEquals("9a7c8cfd6ba1a7c498aa4dd5a7f9cfbba01fcb6eebae734ffe0d775870a1a3fb",
                signer.signRest(TS, "5000", "category=linear&symbol=BTCUSDT"));
    }

    @Test
    public void getWithoutRecvWindow() {
        assertEquals("79d62d61791d3b7edfbb7929595dcb29783629a3d21538f7eeabb923b0041f46",
                signer.signRest(TS, null, "category=linear&symbol=BTCUSDT"));
    }

    @Test
    public void postBody() {
        String body = "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
                + "\"orderType\":\"Limit\",\"qty\":\"0.001\",\"price\":\"30000\","
                + "\"timeInForce\":\"GTC\",\"orderLinkId\":\"abc-123\"}";
        assertEquals("2cf97f3ce15a7aec0a50837be7659b9d310de77c71aad6b1275aa22324c86fdb",
                signer.signRest(TS, "5000", body));
    }

    @Test
    public void webSocketAuth() {
        assertEquals("e7062a96990cc1676f387a02bdc7e57a49e7965357a1faf97594b308ad957e39",
                signer.signWebSocket(1700000001000L));
    }

    @Test
    public void secretsNeverPrinted() {
        assertEquals("****", Secret.of("test-secret").toString());
        assertFalse(signer.toString().contains("test-secret"));
        assertEquals("test****", BybitSigner.redactKey("test-key"));
    }

    @Test
    public void signerIsThreadSafe() throws Exception {
        String expected = signer.signRest(TS, "5000", "x=1");
        Thread[] ts = new Thread[4];
        String[] bad = new String[1];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(() -> {
                for (int n = 0; n < 2000; n++) {
                    if (!expected.equals(signer.signRest(TS, "5000", "x=1"))) {
                        bad[0] = "mismatch";
                    }
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(null, bad[0]);
    }
}
