package io.botfleet.api.exchange;

import io.botfleet.api.market.Candle;
import io.botfleet.api.market.Instrument;
import io.botfleet.api.market.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One account on one exchange, registered as a service with the properties in
 * {@link ExchangeProperties}; usually created from a ConfigAdmin factory configuration.
 *
 * <p>Every call is asynchronous and thread-safe: it returns at once, never blocking the caller on
 * I/O, and its stage completes on an adapter thread. Failures complete the stage exceptionally
 * with an {@link ExchangeException} whose {@link ErrorKind} says how to react. One adapter serves
 * every bot on its account and owns the account's rate limits.
 *
 * <p>The adapter is the one retry layer of its calls: it retries an idempotent call (a read, a
 * cancel) after a failure its protocol says is safe to send again, with the shared backoff
 * ({@link io.botfleet.api.retry.Backoff}), and completes with the failure once its retries are
 * spent. The runtime sends each call once (through the account's circuit breaker), never again.
 */
@ProviderType
public interface ExchangeAdapter {

    /** The exchange id, equal to the {@link ExchangeProperties#ID} property. */
    String exchangeId();

    /** The account name, equal to the {@link ExchangeProperties#ACCOUNT} property. */
    String account();

    /** The account's current health; cheap, never does I/O. */
    AccountHealth health();

    /**
     * The exchange's clock as this adapter knows it (for a replay, the replay's own clock: the
     * close of the latest candle it delivered). It decides whether a closed candle is current
     * (see {@link CandleListener}). Cheap, never does I/O.
     */
    default Instant now() {
        return Instant.now();
    }

    /**
     * How late a closed candle of this adapter may still reach a subscriber in normal operation
     * (the stream's delivery delay, a reconnect and the REST fetch that fills it, the uncertainty
     * of {@link #now()}). A candle is current while its close time is less than one interval plus
     * this margin before {@link #now()}.
     */
    default Duration candleLateness() {
        return Duration.ofSeconds(10);
    }

    /**
     * Places an order. Placing the same client order id twice never creates two orders: the
     * second call completes with the first order's ack.
     */
    CompletionStage<OrderAck> place(OrderRequest order);

    /**
     * Cancels an open order by client order id. Cancelling an order that is already finished
     * completes normally with its final state.
     */
    CompletionStage<ExchangeOrder> cancel(String symbol, String clientOrderId);

    /** Looks an order up by client order id, open or recently finished; empty if never seen. */
    CompletionStage<Optional<ExchangeOrder>> findByClientOrderId(String symbol, String clientOrderId);

    /** Every open order of the account on {@code symbol}. */
    CompletionStage<List<ExchangeOrder>> openOrders(String symbol);

    /**
     * Executions on {@code symbol} at or after {@code since}, oldest first. {@code since} is
     * compared with the execution time the exchange reports; a caller unsure of the exchange's
     * clock asks from a margin earlier. The answer may hold executions already seen: receivers
     * deduplicate by execution id.
     */
    CompletionStage<List<Execution>> executions(String symbol, Instant since);

    /** Every coin balance of the account. */
    CompletionStage<List<Balance>> balances();

    /** The trading rules of {@code symbol}; fails with NOT_FOUND for an unknown symbol. */
    CompletionStage<Instrument> instrument(String symbol);

    /**
     * Closed candles with {@code from <= openTime < to}, oldest first, without duplicates. May
     * return fewer than exist when the exchange limits a page: callers continue from the last
     * candle returned.
     */
    CompletionStage<List<Candle>> candleHistory(String symbol, Interval interval, Instant from,
                                                Instant to);

    /**
     * Streams closed candles of {@code symbol}. When {@code after} is not null, candles with
     * {@code openTime > after} that closed before the stream went live are delivered first (as
     * catch-up where the adapter has a wall clock), so a subscriber that remembers its last candle
     * misses none. Delivery is in order and without duplicates per subscription. Whether a
     * candle is traded depends on its age by {@link #now()}, not on how it came.
     *
     * @param after the open time of the last candle the subscriber has processed, or null
     */
    Subscription subscribeCandles(String symbol, Interval interval, Instant after,
                                  CandleListener listener);

    /** Streams order updates and executions of the whole account. */
    Subscription subscribeOrders(OrderUpdateListener listener);
}
