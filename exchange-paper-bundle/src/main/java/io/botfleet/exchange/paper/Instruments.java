package io.botfleet.exchange.paper;

import io.botfleet.api.market.Instrument;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trading rules of every symbol an account knows: the symbol of its market data and every
 * symbol with {@code instrument.<SYMBOL>.*} rules. A rule not given is derived: the tick from
 * the data's decimals, quantity step 1e-8, no minimum quantity or notional, and the coins by
 * splitting the symbol on a known quote suffix.
 */
final class Instruments {

    static final BigDecimal DEFAULT_QTY_STEP = new BigDecimal("0.00000001");
    /** Longest first, so BTCUSDT splits as BTC/USDT and not BTCUS/DT. */
    private static final List<String> QUOTE_SUFFIXES =
            List.of("USDT", "USDC", "BUSD", "BTC", "ETH", "USD", "EUR");

    private final Map<String, Instrument> bySymbol = new HashMap<>();

    /**
     * @param rules      configured rules by symbol
     * @param dataSymbol the symbol of the account's market data
     * @param dataTick   the tick the data is quoted in, or null when the data could not be read
     * @throws PaperConfigException when a rule needed for a symbol is missing
     */
    Instruments(Map<String, InstrumentRules> rules, String dataSymbol, BigDecimal dataTick) {
        if (dataTick != null || rules.containsKey(dataSymbol)) {
            bySymbol.put(dataSymbol, build(dataSymbol, rules.getOrDefault(dataSymbol,
                    InstrumentRules.NONE), dataTick));
        }
        rules.forEach((symbol, rule) -> bySymbol.computeIfAbsent(symbol,
                s -> build(s, rule, null)));
    }

    /** The rules of {@code symbol}, or null when the account does not trade it. */
    Instrument get(String symbol) {
        return bySymbol.get(symbol);
    }

    private static String knownQuoteSuffix(String symbol) {
        return QUOTE_SUFFIXES.stream()
                .filter(q -> symbol.length() > q.length() && symbol.endsWith(q))
                .findFirst().orElse(null);
    }

    private static Instrument build(String symbol, InstrumentRules rule, BigDecimal dataTick) {
        String key = PaperConfig.INSTRUMENT + symbol + ".";
        BigDecimal tick = rule.tickSize() != null ? rule.tickSize() : dataTick;
        if (tick == null) {
            throw new PaperConfigException(key + "tickSize", "required: the account has no"
                    + " market data for " + symbol + " to take the tick from");
        }
        String quote = rule.quoteCoin() != null ? rule.quoteCoin() : knownQuoteSuffix(symbol);
        if (quote == null) {
            throw new PaperConfigException(key + "quoteCoin", "required: " + symbol
                    + " does not end in a known quote coin " + QUOTE_SUFFIXES);
        }
        String base = rule.baseCoin();
        if (base == null) {
            if (!symbol.endsWith(quote) || symbol.length() == quote.length()) {
                throw new PaperConfigException(key + "baseCoin", "required: " + symbol
                        + " is not <base>" + quote);
            }
            base = symbol.substring(0, symbol.length() - quote.length());
        }
        return new Instrument(symbol, base, quote, tick,
                rule.qtyStep() != null ? rule.qtyStep() : DEFAULT_QTY_STEP,
                rule.minQty() != null ? rule.minQty() : BigDecimal.ZERO,
                rule.minNotional() != null ? rule.minNotional() : BigDecimal.ZERO);
    }
}
