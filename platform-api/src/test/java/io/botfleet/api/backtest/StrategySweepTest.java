package io.botfleet.api.backtest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.RiskLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class StrategySweepTest {

    private static Map<String, List<Object>> params(Object... nameThenValues) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            out.put((String) nameThenValues[i], (List<Object>) nameThenValues[i + 1]);
        }
        return out;
    }

    @Test
    public void theRunsAreTheCrossProductVersionsOutermostTheLastParamFastest() {
        StrategySweep sweep = new StrategySweep("sma", List.of("1.0.0", "2.0.0"),
                params("fast", List.of(5, 7), "slow", List.of(20, 25, 30)));
        assertEquals(12, sweep.runCount());
        List<String> seen = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            StrategySweep.Combination c = sweep.combination(n);
            seen.add(c.version() + " " + c.params());
        }
        // written out by hand, in the documented order
        assertEquals(List.of(
                "1.0.0 {fast=5, slow=20}", "1.0.0 {fast=5, slow=25}", "1.0.0 {fast=5, slow=30}",
                "1.0.0 {fast=7, slow=20}", "1.0.0 {fast=7, slow=25}", "1.0.0 {fast=7, slow=30}",
                "2.0.0 {fast=5, slow=20}", "2.0.0 {fast=5, slow=25}", "2.0.0 {fast=5, slow=30}",
                "2.0.0 {fast=7, slow=20}", "2.0.0 {fast=7, slow=25}", "2.0.0 {fast=7, slow=30}"), seen);
        assertEquals("every combination once", 12, new HashSet<>(seen).size());
    }

    @Test
    public void withoutParamsEachVersionIsOneRun() {
        StrategySweep sweep = new StrategySweep("sma", List.of("1.0.0", "1.1.0", "2.0.0"), Map.of());
        assertEquals(3, sweep.runCount());
        assertEquals("2.0.0", sweep.combination(2).version());
        assertTrue(sweep.combination(2).params().isEmpty());
    }

    @Test
    public void tenThousandRunsAreAcceptedOneMoreIsRefusedNamingTheCount() {
        List<Object> hundred = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            hundred.add(i);
        }
        BacktestRequest ok = request(new StrategySweep("sma", List.of("1.0.0"), params("a", hundred, "b", hundred)));
        assertEquals(10_000, ok.runs());
        Set<String> distinct = new HashSet<>();
        for (int n = 0; n < ok.runs(); n++) {
            distinct.add(ok.strategy().combination(n).params().toString());
        }
        assertEquals(10_000, distinct.size());

        InvalidBacktestException tooMany = assertThrows(InvalidBacktestException.class, () -> request(
                new StrategySweep("sma", List.of("1.0.0", "1.1.0"), params("a", hundred, "b", hundred))));
        assertEquals("strategy", tooMany.field());
        assertTrue(tooMany.getMessage(), tooMany.getMessage().contains("20000 runs"));
        assertTrue(tooMany.getMessage(), tooMany.getMessage().contains("at most 10000"));
    }

    @Test
    public void aCountBeyondALongIsRefusedNotWrapped() {
        Map<String, List<Object>> huge = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add(i);
        }
        for (int p = 0; p < 8; p++) {
            huge.put("p" + p, values); // 1000^8 = 10^24 runs
        }
        StrategySweep sweep = new StrategySweep("sma", List.of("1.0.0"), huge);
        assertEquals(Long.MAX_VALUE, sweep.runCount());
        assertThrows(InvalidBacktestException.class, () -> request(sweep));
    }

    @Test
    public void anEmptyVersionListOrValueListIsRefused() {
        assertEquals("strategy.version", assertThrows(InvalidBacktestException.class,
                () -> new StrategySweep("sma", List.of(), Map.of())).field());
        assertEquals("strategy.params.fast", assertThrows(InvalidBacktestException.class,
                () -> new StrategySweep("sma", List.of("1.0.0"), params("fast", List.of()))).field());
    }

    private static BacktestRequest request(StrategySweep sweep) {
        return new BacktestRequest(sweep, new DatasetRange("bybit", "BTCUSDT", "1m", null, null),
                RiskLimits.ofOrderQty(new BigDecimal("0.01")), Map.of("USDT", new BigDecimal("1000")), BigDecimal.ZERO,
                BigDecimal.ZERO);
    }
}
