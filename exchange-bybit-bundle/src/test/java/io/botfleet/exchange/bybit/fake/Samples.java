package io.botfleet.exchange.bybit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The documented sample responses (bybit-samples/), used as the fake's response templates. */
public final class Samples {

    static final ObjectMapper JSON = new ObjectMapper();

    private Samples() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/bybit-samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the first element of {@code result.list} of a sample. */
    static ObjectNode firstRow(String name) {
        return (ObjectNode) load(name).path("result").path("list").get(0).deepCopy();
    }
}
