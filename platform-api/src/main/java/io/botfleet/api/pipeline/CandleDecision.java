package io.botfleet.api.pipeline;

import io.botfleet.api.bot.BotOrder;
import java.util.List;

/**
 * What a bot decided on one candle.
 *
 * @param intents       orders to place, in order (status PENDING_SEND): a live bot journals them
 *                      before it sends any
 * @param notes         risk refusals and untraded history candles, for the bot's event log
 * @param strategyFault what the strategy threw, or null; its signals were then dropped
 */
public record CandleDecision(List<BotOrder> intents, List<String> notes, Throwable strategyFault) {

    public CandleDecision {
        intents = List.copyOf(intents);
        notes = List.copyOf(notes);
    }
}
