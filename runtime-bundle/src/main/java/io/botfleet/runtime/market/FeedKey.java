package io.botfleet.runtime.market;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.market.Interval;

/** One market-data stream: an account's candles of one symbol and interval. */
public record FeedKey(ExchangeRef account, String symbol, Interval interval) {
}
