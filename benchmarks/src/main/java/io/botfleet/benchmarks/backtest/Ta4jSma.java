package io.botfleet.benchmarks.backtest;

import io.botfleet.backtest.dataset.CandleSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The same SMA crossover in ta4j 0.17: enter when the fast SMA crosses up through the slow one,
 * exit when it crosses down, trading at the signal bar's close, no costs, nothing before the slow
 * window is full.
 */
public final class Ta4jSma {

    private Ta4jSma() {
    }

    /** The series in ta4j bars of the given number type, from the same exact decimals (as strings). */
    static BarSeries bars(CandleSeries series, Class<? extends Num> numType) {
        BarSeries bars = new BaseBarSeriesBuilder().withName(SyntheticWalk.SYMBOL).withNumTypeOf(numType).build();
        for (int i = 0; i < series.size(); i++) {
            var c = series.candle(i, SyntheticWalk.SYMBOL);
            bars.addBar(Duration.ofMinutes(1), ZonedDateTime.ofInstant(c.closeTime(), ZoneOffset.UTC),
                    bars.numOf(c.open()), bars.numOf(c.high()), bars.numOf(c.low()), bars.numOf(c.close()),
                    bars.numOf(c.volume()));
        }
        return bars;
    }

    /**
     * A candle CSV ({@code open_time_ms,open,high,low,close,volume} with that header) read into
     * {@code DoubleNum} bars as a ta4j user loads one: a line at a time, split, parsed to doubles.
     */
    public static BarSeries loadCsv(Path csv) throws IOException {
        BarSeries bars = new BaseBarSeriesBuilder().withName(csv.getFileName().toString())
                .withNumTypeOf(DoubleNum.class).build();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                Instant close = Instant.ofEpochMilli(Long.parseLong(f[0])).plus(Duration.ofMinutes(1));
                bars.addBar(Duration.ofMinutes(1), ZonedDateTime.ofInstant(close, ZoneOffset.UTC),
                        Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]));
            }
        }
        return bars;
    }

    public static TradingRecord run(BarSeries bars, int fast, int slow) {
        ClosePriceIndicator close = new ClosePriceIndicator(bars);
        SMAIndicator fastSma = new SMAIndicator(close, fast);
        SMAIndicator slowSma = new SMAIndicator(close, slow);
        Strategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fastSma, slowSma),
                new CrossedDownIndicatorRule(fastSma, slowSma), slow);
        return new BarSeriesManager(bars, new ZeroCostModel(), new ZeroCostModel(), new TradeOnCurrentCloseModel())
                .run(strategy);
    }
}
