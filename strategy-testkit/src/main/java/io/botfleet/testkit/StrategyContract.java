package io.botfleet.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.market.Candle;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyParameterException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The checks every strategy must pass, each one line in a JUnit 4 test:
 *
 * <pre>
 * StrategyContract.of(MyStrategy::new, Map.of("period", 14)).assertRestoresAnywhere(candles);
 * StrategyContract.of(MyStrategy::new, Map.of("period", 14)).assertDeterministic(candles);
 * StrategyContract.assertRefuses(MyStrategy::new, Map.of("period", 0), "period");
 * StrategyContract.assertConfiguresWithDefaults(MyStrategy::new);
 * </pre>
 *
 * Failures are {@link AssertionError}s saying what differed and where.
 */
public final class StrategyContract {

    /** Above this many candles, {@link #assertRestoresAnywhere} cuts at a sample of them. */
    static final int EVERY_CUT_UP_TO = 300;
    /** How many evenly spread cuts a long series gets (besides the first and warm-up ones). */
    static final int SAMPLED_CUTS = 40;

    private final Supplier<? extends Strategy> newInstance;
    private final Map<String, Object> params;
    private String version = "1.0.0";

    private StrategyContract(Supplier<? extends Strategy> newInstance, Map<String, Object> params) {
        this.newInstance = newInstance;
        this.params = params;
    }

    /**
     * Checks of the strategy made by {@code newInstance} (unconfigured, like the runtime's
     * prototype instances) configured with {@code params}.
     */
    public static StrategyContract of(Supplier<? extends Strategy> newInstance,
                                      Map<String, Object> params) {
        return new StrategyContract(newInstance, new HashMap<>(params));
    }

    /** The version passed to {@link Strategy#restore} as the snapshot's (default 1.0.0). */
    public StrategyContract fromVersion(String snapshotVersion) {
        this.version = snapshotVersion;
        return this;
    }

    /** A fresh instance, configured. */
    public Strategy configured() {
        Strategy strategy = newInstance.get();
        strategy.configure(new HashMap<>(params));
        return strategy;
    }

    /**
     * Snapshot at a candle, restore into a fresh instance, go on: the signals and fills must be
     * those of the uninterrupted run. The snapshot goes through {@link PlainData} (plain data
     * only, numbers back as BigDecimal), as through the database. Cuts at every candle of a
     * series of up to 300 candles; a longer one is cut at the first candles, around the
     * warm-up, at 40 evenly spread candles and before the last.
     */
    public void assertRestoresAnywhere(List<Candle> candles) {
        assertRestoresAt(candles, cuts(candles.size()));
    }

    /** As {@link #assertRestoresAnywhere}, cutting after exactly these numbers of candles. */
    public void assertRestoresAt(List<Candle> candles, int... cuts) {
        StrategyHarness uninterrupted = new StrategyHarness(configured()).feed(candles);
        int[] sorted = cuts.clone();
        Arrays.sort(sorted);
        // one run up to each cut in turn; each cut forks a restored instance off it
        StrategyHarness prefix = new StrategyHarness(configured());
        int fed = 0;
        for (int cut : sorted) {
            if (cut < 0 || cut > candles.size()) {
                throw new IllegalArgumentException("cut " + cut + " is outside 0.." + candles.size());
            }
            prefix.feed(candles.subList(fed, cut));
            fed = cut;
            Map<String, Object> stored = PlainData.throughTheDatabase(prefix.strategy().snapshot());
            Strategy restored = configured();
            try {
                restored.restore(stored, version);
            } catch (RuntimeException e) {
                throw new AssertionError("restore() refused the snapshot taken after " + cut
                        + " candles: " + e + "\nsnapshot: " + stored, e);
            }
            StrategyHarness resumed = prefix.fork(restored).feed(candles.subList(cut, candles.size()));
            assertSame("signals after a snapshot/restore after " + cut + " candles",
                    uninterrupted.signals(), resumed.signals());
            assertSame("fills after a snapshot/restore after " + cut + " candles",
                    uninterrupted.fills(), resumed.fills());
        }
    }

    /** Two fresh instances fed the same candles give the same signals, fills and snapshot. */
    public void assertDeterministic(List<Candle> candles) {
        StrategyHarness first = new StrategyHarness(configured()).feed(candles);
        StrategyHarness second = new StrategyHarness(configured()).feed(candles);
        assertSame("signals of two runs over the same candles", first.signals(), second.signals());
        assertSame("fills of two runs over the same candles", first.fills(), second.fills());
        assertEquals("snapshots after two runs over the same candles",
                PlainData.throughTheDatabase(first.strategy().snapshot()),
                PlainData.throughTheDatabase(second.strategy().snapshot()));
    }

    /**
     * {@code configure(params)} throws a {@link StrategyParameterException} naming
     * {@code parameter}.
     */
    public static void assertRefuses(Supplier<? extends Strategy> newInstance,
                                     Map<String, Object> params, String parameter) {
        Strategy strategy = newInstance.get();
        try {
            strategy.configure(params == null ? null : new HashMap<>(params));
        } catch (StrategyParameterException e) {
            assertEquals("the parameter named by " + e, parameter, e.parameter());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("configure(" + params + ") threw " + e
                    + " instead of a StrategyParameterException naming '" + parameter + "'", e);
        }
        fail("configure(" + params + ") accepted params it should refuse ('" + parameter + "')");
    }

    /**
     * {@code configure} with no params (an empty map) works: every parameter has a default. The
     * instance then reports a warm-up and a plain-data snapshot.
     */
    public static void assertConfiguresWithDefaults(Supplier<? extends Strategy> newInstance) {
        Strategy strategy = newInstance.get();
        try {
            strategy.configure(new HashMap<>());
        } catch (RuntimeException e) {
            throw new AssertionError("configure({}) should apply the defaults, but threw " + e, e);
        }
        assertTrue("warmupCandles() must be >= 0", strategy.warmupCandles() >= 0);
        assertNotNull(PlainData.throughTheDatabase(strategy.snapshot()));
    }

    /**
     * Fails at the first element that differs, naming it, rather than printing two lists of
     * thousands of signals.
     */
    static void assertSame(String what, List<?> expected, List<?> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError(what + " differ at #" + i + ": expected "
                        + expected.get(i) + " but was " + actual.get(i) + " (" + expected.size()
                        + " expected in all, " + actual.size() + " actual)");
            }
        }
        if (expected.size() != actual.size()) {
            throw new AssertionError(what + ": expected " + expected.size() + " but was "
                    + actual.size() + "; the first " + common + " are equal, then "
                    + (expected.size() > common ? "missing " + expected.get(common)
                            : "extra " + actual.get(common)));
        }
    }

    private int[] cuts(int size) {
        TreeSet<Integer> cuts = new TreeSet<>();
        if (size <= EVERY_CUT_UP_TO) {
            for (int i = 0; i <= size; i++) {
                cuts.add(i);
            }
        } else {
            for (int i = 0; i <= 3; i++) {
                cuts.add(i);
            }
            int warmup = configured().warmupCandles();
            for (int i = warmup - 1; i <= warmup + 1; i++) {
                if (i >= 0 && i <= size) {
                    cuts.add(i);
                }
            }
            for (int i = 1; i <= SAMPLED_CUTS; i++) {
                cuts.add((int) ((long) size * i / (SAMPLED_CUTS + 1)));
            }
            cuts.add(size - 1);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }
}
