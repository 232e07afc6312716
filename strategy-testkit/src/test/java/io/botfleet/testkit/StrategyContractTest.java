package io.botfleet.testkit;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.testdata.CandleFiles;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** The contract checks pass a correct strategy and catch each kind of broken one. */
public class StrategyContractTest {

    private static final List<Candle> ZIGZAG = Candles.closes(
            "10", "11", "12", "9", "9", "10", "8", "12", "12", "11", "13", "7");

    @Test
    public void aCorrectStrategyPassesEveryCheck() {
        StrategyContract contract = StrategyContract.of(UpTick::new, Map.of("minMove", "0.5"));
        contract.assertRestoresAnywhere(ZIGZAG);
        contract.assertDeterministic(ZIGZAG);
        StrategyContract.assertRefuses(UpTick::new, Map.of("minMove", "-1"), "minMove");
        StrategyContract.assertConfiguresWithDefaults(UpTick::new);
    }

    @Test
    public void onTheRealFileTooWithSampledCuts() {
        List<Candle> btc = CandleCsv.read(CandleFiles.open(CandleFiles.UNITTEST_BTC),
                CandleFiles.UNITTEST_BTC, "BTCUSDT", Interval.M1);
        StrategyContract.of(UpTick::new, Map.of()).assertRestoresAnywhere(btc);
    }

    @Test
    public void aSnapshotThatForgetsStateFailsTheRestoreCheck() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> StrategyContract.of(UpTick::forgetful, Map.of()).assertRestoresAnywhere(ZIGZAG));
        assertTrue(e.getMessage(), e.getMessage().startsWith(
                "signals after a snapshot/restore after 1 candles differ at #0: expected"));
    }

    @Test
    public void aMissingSignalIsNamed() {
        AssertionError e = assertThrows(AssertionError.class, () -> StrategyContract.assertSame(
                "signals", List.of("a", "b"), List.of("a")));
        assertTrue(e.getMessage(), e.getMessage().equals(
                "signals: expected 2 but was 1; the first 1 are equal, then missing b"));
    }

    @Test
    public void aSnapshotThatIsNotPlainDataIsRefused() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> PlainData.throughTheDatabase(Map.of("window", List.of("1", Set.of(2)))));
        assertTrue(e.getMessage(), e.getMessage().contains("snapshot.window[1] is not plain data"));
    }

    @Test
    public void numbersComeBackAsDecimals() {
        assertTrue(PlainData.throughTheDatabase(Map.of("n", 3L)).get("n") instanceof BigDecimal);
    }

    @Test
    public void acceptingBadParamsFailsTheRefusalCheck() {
        assertThrows(AssertionError.class,
                () -> StrategyContract.assertRefuses(UpTick::new, Map.of("minMove", "1"), "minMove"));
        assertThrows(AssertionError.class,
                () -> StrategyContract.assertRefuses(UpTick::new, Map.of("minMove", "-1"), "other"));
    }
}
