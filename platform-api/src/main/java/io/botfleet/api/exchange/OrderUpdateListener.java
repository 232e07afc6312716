package io.botfleet.api.exchange;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives order changes and fills of one exchange account. Called from the adapter's threads;
 * must not block. The same update or execution may be delivered more than once (a reconnect, a
 * poll that overlaps a push): receivers deduplicate by execution id and status.
 */
@ConsumerType
public interface OrderUpdateListener {

    void onOrderUpdate(ExchangeOrder order);

    void onExecution(Execution execution);
}
