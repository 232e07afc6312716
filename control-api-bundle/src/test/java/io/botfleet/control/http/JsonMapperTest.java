package io.botfleet.control.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class JsonMapperTest {

    private static ApiException refused(InputStream in) {
        try {
            JsonMapper.read(in);
        } catch (ApiException e) {
            return e;
        }
        fail("accepted");
        return null;
    }

    private static ApiException refused(String body) {
        return refused(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void malformedBodiesAre400() {
        for (String body : new String[] {"", "   ", "{", "{\"a\":}", "{\"a\":1}{}", "{\"a\":1,\"a\":2}",
                "{'a':1}", "{\"a\":NaN}", "nul", "\u0000", "{\"a\":\"\\uZZZZ\"}", "[".repeat(100) + "]".repeat(100)}) {
            ApiException e = refused(body);
            assertEquals(body, 400, e.status());
            assertFalse("never echoes the body: " + e.detail(), body.length() > 3 && e.detail().contains(body));
        }
    }

    @Test
    public void oversizedBodiesAre413WhileReading() {
        byte[] big = ("{\"a\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        ApiException e = refused(new LimitedInputStream(new ByteArrayInputStream(big), 1000));
        assertEquals(413, e.status());
    }

    @Test
    public void invalidUtf8Is400() {
        ApiException e = refused(new ByteArrayInputStream(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        assertEquals(400, e.status());
    }

    @Test
    public void unicodeIsKept() {
        assertEquals("ü€😀", JsonMapper.read(BotJsonTest.stream("{\"a\":\"ü€😀\"}")).get("a").textValue());
        assertTrue(JsonMapper.read(BotJsonTest.stream("{\"a\":0.10}")).get("a").decimalValue().toPlainString().equals("0.10"));
    }
}
