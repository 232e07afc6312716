package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.CandleCsv;
import io.botfleet.api.market.Interval;
import io.botfleet.api.sim.MarketFillModel;
import io.botfleet.testkit.StrategyContract;
import io.botfleet.testkit.StrategyHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The rules every strategy must keep, checked by the testkit on real candles
 * (src/test/resources/sample-1m.csv: one day of one-minute candles, prices quoted in BTC).
 */
public class ChannelBreakoutContractTest {

    private static final Map<String, Object> PARAMS = Map.of("entryPeriod", 20, "exitPeriod", 10);
    private static List<Candle> sample;

    @BeforeClass
    public static void readSample() throws IOException {
        try (InputStream in = ChannelBreakoutContractTest.class.getResourceAsStream("/sample-1m.csv")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("sample-1m.csv is not on the class path"));
            }
            sample = CandleCsv.read(in, "sample-1m.csv", "BTCUSDT", Interval.M1);
        }
    }

    @Test
    public void restoringASnapshotAtAnyCandleChangesNothing() {
        StrategyContract.of(ChannelBreakout::new, PARAMS).assertRestoresAnywhere(sample);
    }

    @Test
    public void theSameCandlesGiveTheSameSignals() {
        StrategyContract.of(ChannelBreakout::new, PARAMS).assertDeterministic(sample);
    }

    @Test
    public void badParamsAreRefusedNamingTheParameter() {
        StrategyContract.assertRefuses(ChannelBreakout::new, Map.of("entryPeriod", 0), "entryPeriod");
        StrategyContract.assertRefuses(ChannelBreakout::new, Map.of("exitPeriod", 1001), "exitPeriod");
        StrategyContract.assertRefuses(ChannelBreakout::new, Map.of("exitPeriod", 2.5), "exitPeriod");
        StrategyContract.assertRefuses(ChannelBreakout::new, Map.of("entryPeriod", "20"), "entryPeriod");
    }

    /** Bots name a strategy by its id: 1 to 64 of a-z, 0-9 and '-', and never changed once used. */
    @Test
    public void theIdIsOneBotsCanName() {
        assertTrue("strategy id '" + ChannelBreakout.ID + "' must match [a-z0-9-]{1,64}",
                ChannelBreakout.ID.matches("[a-z0-9-]{1,64}"));
    }

    @Test
    public void everyParameterHasADefault() {
        StrategyContract.assertConfiguresWithDefaults(ChannelBreakout::new);
    }

    /** A run over the sample with the paper exchange's fill model: fee 10 bps, slippage 2 bps. */
    @Test
    public void tradesTheSampleDay() {
        ChannelBreakout strategy = new ChannelBreakout();
        strategy.configure(PARAMS);
        StrategyHarness run = new StrategyHarness(strategy).orderQty("100")
                .fillModel(new MarketFillModel(new BigDecimal("10"), new BigDecimal("2")))
                .feed(sample);
        assertTrue("the day should trade, found " + run.fills().size() + " fills",
                run.fills().size() >= 10);
        assertEquals("every signal became an order", List.of(), run.refusals());
        System.out.printf("%s over %d candles: %d fills, profit %s (quote coin)%n", ChannelBreakout.ID,
                run.candleCount(), run.fills().size(), run.profit().toPlainString());
    }
}
