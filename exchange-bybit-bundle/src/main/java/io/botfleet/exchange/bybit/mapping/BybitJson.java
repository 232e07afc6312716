package io.botfleet.exchange.bybit.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.market.Decimals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The adapter's one {@link ObjectMapper} and the field readers every mapper uses. Numbers are
 * read as {@link BigDecimal} (never through {@code double}); Bybit sends almost every value as a
 * string, and an empty string means "no value".
 */
public final class BybitJson {

    /** Thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            // keep decimals exactly as sent: 1.10 stays 1.10
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private BybitJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("unparseable Bybit response", e);
        }
    }

    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unparseable Bybit message", e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** A text field, or "" when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** A decimal field given as a string or a number; null when absent or empty. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (v.isNumber()) {
                return Decimals.check(v.decimalValue());
            }
            String s = v.asText().trim();
            return s.isEmpty() ? null : Decimals.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bybit field " + field + " " + e.getMessage(), e);
        }
    }

    /** Like {@link #decimal} but 0 for a missing value. */
    public static BigDecimal decimalOrZero(JsonNode node, String field) {
        BigDecimal d = decimal(node, field);
        return d == null ? BigDecimal.ZERO : d;
    }

    /** A millisecond timestamp given as a string or a number; {@code fallback} when missing. */
    public static Instant millis(JsonNode node, String field, Instant fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            return fallback;
        }
        return Instant.ofEpochMilli(v.isNumber() ? v.asLong() : Long.parseLong(v.asText().trim()));
    }
}
