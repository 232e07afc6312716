package io.botfleet.persistence.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PlainDataJsonTest {

    @Test
    public void keepsDecimalsExactAndWholeNumbersWhole() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pnl", new BigDecimal("-0.10000000000000000001"));
        data.put("count", 3);
        data.put("big", 12345678901L);
        data.put("list", List.of("a", 1));
        data.put("nested", Map.of("x", true));
        Map<String, Object> back = PlainDataJson.read(PlainDataJson.write(data));
        assertEquals(data, back);
        assertEquals(new BigDecimal("0.5"), PlainDataJson.read(PlainDataJson.write(Map.of("d", 0.5))).get("d"));
    }

    @Test
    public void refusesWhatIsNotAnObject() {
        assertThrows(IllegalArgumentException.class, () -> PlainDataJson.read("[1, 2]"));
        assertThrows(IllegalArgumentException.class, () -> PlainDataJson.read("{"));
    }
}
