package io.botfleet.benchmarks.backtest;

import io.botfleet.backtest.dataset.CandleSeries;
import java.time.Duration;
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
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The same SMA crossover in ta4j 0.17: enter when the fast SMA crosses up through the slow one,
 * exit when it crosses down, trading at the signal bar's close, no costs, nothing before the slow
 * window is full.
 */
final class Ta4jSma {

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

    static TradingRecord run(BarSeries bars, int fast, int slow) {
        ClosePriceIndicator close = new ClosePriceIndicator(bars);
        SMAIndicator fastSma = new SMAIndicator(close, fast);
        SMAIndicator slowSma = new SMAIndicator(close, slow);
        Strategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fastSma, slowSma),
                new CrossedDownIndicatorRule(fastSma, slowSma), slow);
        return new BarSeriesManager(bars, new ZeroCostModel(), new ZeroCostModel(), new TradeOnCurrentCloseModel())
                .run(strategy);
    }
}
