package io.botfleet.backtest.engine;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import java.math.BigDecimal;
import java.util.List;

/**
 * The trading rules the paper exchange derives for a replayed symbol with no configured rules:
 * the tick from the most decimals among the first 1000 candles' prices, quantity step 1e-8, no
 * minimum quantity or notional, the coins by splitting the symbol on a known quote suffix. A
 * backtest trades under the same rules, so its orders round and fill as a paper replay's do.
 */
public final class PaperInstrument {

    /** How many leading candles decide the tick, as in the paper exchange's replay. */
    static final int TICK_SAMPLE = 1000;
    static final BigDecimal QTY_STEP = new BigDecimal("0.00000001");
    /** Longest first, so BTCUSDT splits as BTC/USDT and not BTCUS/DT. */
    private static final List<String> QUOTE_SUFFIXES = List.of("USDT", "USDC", "BUSD", "BTC", "ETH", "USD", "EUR");

    private PaperInstrument() {
    }

    /**
     * @param symbol  the traded symbol, {@code <base><quote>}
     * @param leading the first candles of the data (at most {@value #TICK_SAMPLE} are looked at)
     * @throws IllegalArgumentException when the symbol does not end in a known quote coin
     */
    public static Instrument derive(String symbol, List<Candle> leading) {
        int scale = 0;
        for (int i = 0; i < Math.min(TICK_SAMPLE, leading.size()); i++) {
            Candle c = leading.get(i);
            scale = Math.max(scale, Math.max(Math.max(scale(c.open()), scale(c.high())),
                    Math.max(scale(c.low()), scale(c.close()))));
        }
        String quote = QUOTE_SUFFIXES.stream().filter(q -> symbol.length() > q.length() && symbol.endsWith(q))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("symbol " + symbol
                        + " does not end in a known quote coin " + QUOTE_SUFFIXES));
        return new Instrument(symbol, symbol.substring(0, symbol.length() - quote.length()), quote,
                BigDecimal.ONE.movePointLeft(scale), QTY_STEP, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static int scale(BigDecimal price) {
        return price.stripTrailingZeros().scale();
    }
}
