package io.botfleet.backtest.service;

import io.botfleet.api.backtest.BacktestNotFoundException;
import io.botfleet.api.backtest.BacktestRequest;
import io.botfleet.api.backtest.DatasetRange;
import io.botfleet.api.backtest.InvalidBacktestException;
import io.botfleet.api.backtest.StrategyInstances;
import io.botfleet.api.backtest.StrategySweep;
import io.botfleet.api.strategy.StrategyParameterException;
import io.botfleet.backtest.dataset.CandleDatasets;
import io.botfleet.backtest.dataset.CandleSeries;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.backtest.engine.PaperInstrument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a request is checked against before it is accepted: its dataset and range (and, from its
 * symbol, the quote coin of its default balances), and its
 * strategy: every version installed, every run's params accepted by the strategy's
 * {@code configure} (so a sweep is refused as a whole, with the strategy's reason, rather than
 * failing run by run).
 */
final class RequestCheck {

    /** The candles a backtest runs over: indices {@code [from, to)} of {@code series}. */
    record Candles(CandleSeries series, int from, int to, String quoteCoin) {
    }

    private RequestCheck() {
    }

    static Candles candles(CandleDatasets datasets, DatasetRange range) {
        DatasetKey key;
        try {
            key = DatasetKey.of(range.exchange(), range.symbol(), range.interval());
        } catch (IllegalArgumentException e) {
            throw new InvalidBacktestException("data", e.getMessage());
        }
        String quote;
        try {
            quote = PaperInstrument.derive(range.symbol(), List.of()).quoteCoin();
        } catch (IllegalArgumentException e) {
            throw new InvalidBacktestException("data.symbol", e.getMessage());
        }
        CandleSeries series;
        try {
            series = datasets.load(key).orElseThrow(() -> new BacktestNotFoundException("no candle dataset " + key));
        } catch (IOException e) {
            throw new UncheckedIOException("dataset " + key + " cannot be read", e);
        }
        if (series.size() == 0) {
            throw new InvalidBacktestException("data", "dataset " + key + " is empty");
        }
        Instant first = series.openTime(0);
        Instant last = series.openTime(series.size() - 1);
        Instant end = last.plus(key.interval().duration());
        if (range.from() != null && (range.from().isBefore(first) || !range.from().isBefore(end))) {
            throw new InvalidBacktestException("data.from", "is outside dataset " + key + ", which holds candles from "
                    + first + " to " + last);
        }
        if (range.to() != null && (range.to().isAfter(end) || !range.to().isAfter(first))) {
            throw new InvalidBacktestException("data.to", "is outside dataset " + key + ", which holds candles from "
                    + first + " to " + last + " (to may be at most " + end + ")");
        }
        int from = range.from() == null ? 0 : series.indexAtOrAfter(range.from());
        int to = range.to() == null ? series.size() : series.indexAtOrAfter(range.to());
        if (from >= to) {
            throw new InvalidBacktestException("data", "the range holds no candles of dataset " + key);
        }
        return new Candles(series, from, to, quote);
    }

    /**
     * The request with its opening balances: those it names, or, when it names none,
     * {@link BacktestRequest#DEFAULT_QUOTE_BALANCE} of {@code quoteCoin}, the coin its orders are
     * paid in (applied here, where the coin is known, so the stored request shows what was used).
     */
    static BacktestRequest balances(BacktestRequest request, String quoteCoin) {
        return request.balances().isEmpty()
                ? request.withBalances(Map.of(quoteCoin, BacktestRequest.DEFAULT_QUOTE_BALANCE)) : request;
    }

    /** Configures an instance of each version with each of its runs' params. */
    static void strategy(StrategyInstances instances, StrategySweep sweep) {
        int perVersion = (int) (sweep.runCount() / sweep.versions().size());
        for (int v = 0; v < sweep.versions().size(); v++) {
            String version = sweep.versions().get(v);
            try (StrategyInstances.Lease lease = instances.lease(sweep.id(), version)) {
                for (int n = v * perVersion; n < (v + 1) * perVersion; n++) {
                    Map<String, Object> params = sweep.combination(n).params();
                    try {
                        lease.strategy().configure(params);
                    } catch (StrategyParameterException e) {
                        throw new InvalidBacktestException("strategy.params." + e.parameter(), "refused by "
                                + sweep.id() + " " + version + " (run " + n + ", " + describe(params) + "): "
                                + e.getMessage());
                    } catch (RuntimeException e) {
                        throw new InvalidBacktestException("strategy.params", "refused by " + sweep.id() + " " + version
                                + " (run " + n + ", " + describe(params) + "): " + e.getMessage());
                    }
                }
            }
        }
    }

    private static String describe(Map<String, Object> params) {
        return params.isEmpty() ? "no params" : params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
