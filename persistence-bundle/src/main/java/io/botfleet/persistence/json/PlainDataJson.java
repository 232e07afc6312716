package io.botfleet.persistence.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * JSON for the plain data the store keeps as text: strategy snapshots, risk state, strategy
 * parameters. Numbers with a fraction read back as {@link java.math.BigDecimal} (exact: money in a
 * snapshot stays money), whole numbers as Integer, Long or BigInteger; readers should treat both
 * as {@link Number}.
 */
public final class PlainDataJson {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private PlainDataJson() {
    }

    /** @throws IllegalArgumentException when the map holds something JSON cannot express */
    public static String write(Map<String, Object> data) {
        try {
            return MAPPER.writeValueAsString(data == null ? Map.of() : data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a JSON object */
    public static Map<String, Object> read(String json) {
        try {
            Map<String, Object> map = MAPPER.readValue(json, MAP);
            return map == null ? Map.of() : map;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
