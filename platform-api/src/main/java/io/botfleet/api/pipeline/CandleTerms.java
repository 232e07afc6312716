package io.botfleet.api.pipeline;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.market.Instrument;
import java.time.Instant;
import java.util.Objects;

/**
 * What one candle is decided under: the bot's configuration and symbol rules as of now, whether
 * the candle is history (traded by nobody) and whether the bot is paused.
 *
 * @param config        the bot's configuration (its id, symbol and risk limits)
 * @param instrument    the symbol's trading rules
 * @param historyReason why the candle is history by the exchange's clock, or null when it is
 *                      current: a history candle feeds the strategy and the bot's figures, but
 *                      nothing it asks for is traded
 * @param paused        the bot is PAUSED: exits are placed, entries refused
 * @param now           the time stamped on the order intents
 */
public record CandleTerms(BotConfig config, Instrument instrument, String historyReason, boolean paused,
                          Instant now) {

    public CandleTerms {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(now, "now");
    }

    /** A current candle of a running bot. */
    public static CandleTerms trading(BotConfig config, Instrument instrument, Instant now) {
        return new CandleTerms(config, instrument, null, false, now);
    }
}
