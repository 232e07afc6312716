package io.botfleet.exchange.paper;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The fixed keys of a paper account, for metatype-aware tools. The keys with a coin or a
 * symbol in their name ({@code balance.<COIN>}, {@code instrument.<SYMBOL>.*}) cannot be
 * declared here; {@link PaperConfig} reads them all from the raw properties.
 */
@ObjectClassDefinition(id = PaperConfig.FACTORY_PID, name = "Botfleet paper exchange account",
        description = "A simulated exchange account replaying a candle file or a seeded random"
                + " walk. Also: balance.<COIN>, instrument.<SYMBOL>.tickSize|qtyStep|minQty|"
                + "minNotional|baseCoin|quoteCoin.")
@interface PaperAccountConfig {

    @AttributeDefinition(required = false, description = "Account name; default: the"
            + " configuration name after '~'")
    String account();

    @AttributeDefinition(required = false, description = "Fee in basis points of notional")
    String feeBps() default "0";

    @AttributeDefinition(required = false, description = "Market order slippage in basis points")
    String slippageBps() default "0";

    @AttributeDefinition(required = false, description = "CSV open_time_ms,open,high,low,close,volume;"
            + " relative to botfleet.home. Without it: a synthetic walk")
    String replay_file();

    @AttributeDefinition(required = false, description = "Symbol the replay is served as")
    String replay_symbol();

    @AttributeDefinition(required = false, description = "Interval of the replay's candles")
    String replay_interval() default "1m";

    @AttributeDefinition(required = false, description = "1 real time, N N-times faster, 0 as"
            + " fast as the bots consume")
    String replay_speed() default "0";

    @AttributeDefinition(required = false)
    String synthetic_symbol() default "BTCUSDT";

    @AttributeDefinition(required = false)
    String synthetic_interval() default "1m";

    @AttributeDefinition(required = false)
    String synthetic_seed() default "42";

    @AttributeDefinition(required = false)
    String synthetic_startPrice() default "30000";

    @AttributeDefinition(required = false)
    String synthetic_tickSize() default "0.01";

    @AttributeDefinition(required = false, description = "Standard deviation of a candle's log"
            + " return")
    String synthetic_volatility() default "0.001";

    @AttributeDefinition(required = false, description = "Open time of candle 0")
    String synthetic_startTime() default "2020-01-01T00:00:00Z";

    @AttributeDefinition(required = false, description = "60 = one 1m candle a second")
    String synthetic_speed() default "60";

    @AttributeDefinition(required = false, description = "Force each journal write to disk")
    boolean journal_fsync() default false;
}
