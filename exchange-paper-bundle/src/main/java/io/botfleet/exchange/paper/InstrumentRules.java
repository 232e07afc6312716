package io.botfleet.exchange.paper;

import java.math.BigDecimal;

/**
 * The configured trading rules of one symbol ({@code instrument.<SYMBOL>.*}); any of them may
 * be null, meaning "derive it" (from the data, the symbol name, or the defaults).
 */
record InstrumentRules(BigDecimal tickSize, BigDecimal qtyStep, BigDecimal minQty,
                       BigDecimal minNotional, String baseCoin, String quoteCoin) {

    static final InstrumentRules NONE = new InstrumentRules(null, null, null, null, null, null);
}
