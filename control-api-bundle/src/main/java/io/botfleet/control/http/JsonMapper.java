package io.botfleet.control.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The one Jackson configuration of the API. Requests are read as trees, and mapped to the
 * platform's records by hand ({@link BotJson}), so every error can name the exact field and no
 * reflection or annotation ties the contract's records to Jackson.
 */
public final class JsonMapper {

    /** Strict reading: no duplicate keys, no trailing content, decimals kept exact (scale too). */
    public static final ObjectMapper MAPPER = build();

    private JsonMapper() {
    }

    private static ObjectMapper build() {
        Builder builder = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // never echo request bodies
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET) // the container owns the stream
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        ObjectMapper mapper = builder.build();
        // Bodies are at most 1 MiB; these bound what a hostile body can make the parser do.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxNumberLength(100).maxStringLength(1 << 20).build());
        return mapper;
    }

    /**
     * Reads one JSON value from a (size-limited) stream.
     *
     * @throws ApiException 400 when the body is empty or not JSON; 413 from the limiting stream
     */
    public static JsonNode read(InputStream in) {
        try (JsonParser parser = MAPPER.createParser(in)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw ApiException.malformed("request body is empty; a JSON object is required");
            }
            return node;
        } catch (LimitedInputStream.TooLarge e) {
            throw ApiException.tooLarge(e.limit());
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof LimitedInputStream.TooLarge tooLarge) {
                throw ApiException.tooLarge(tooLarge.limit());
            }
            throw ApiException.malformed("malformed JSON" + where(e.getLocation()) + ": "
                    + e.getOriginalMessage());
        } catch (ApiException e) {
            throw e;
        } catch (IOException e) {
            throw ApiException.malformed("could not read the request body: " + e.getMessage());
        }
    }

    public static void write(OutputStream out, JsonNode node) throws IOException {
        MAPPER.writeValue(out, node);
    }

    /**
     * Writes {@code node} as the whole response body with its Content-Length: one write, and no
     * chunked encoding (Jackson would otherwise flush the servlet stream before the end, which
     * commits the response as chunked and costs extra writes per request).
     */
    public static void writeBody(jakarta.servlet.http.HttpServletResponse response, JsonNode node)
            throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(node);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
