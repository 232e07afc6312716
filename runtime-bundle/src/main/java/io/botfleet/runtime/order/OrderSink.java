package io.botfleet.runtime.order;

import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;

/** Where the router delivers one bot's order updates; implementations post to the bot's mailbox. */
public interface OrderSink {

    void onOrderUpdate(ExchangeOrder order);

    void onExecution(Execution execution);
}
