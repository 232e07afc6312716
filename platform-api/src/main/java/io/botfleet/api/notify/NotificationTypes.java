package io.botfleet.api.notify;

import io.botfleet.api.bot.BotEvent;
import java.util.List;
import java.util.Optional;

/**
 * The notification types and which bot events they report: chosen by the event's
 * {@link BotEvent.Kind}, which the code that records an event names, never by its wording.
 */
public final class NotificationTypes {

    public static final String FILL = "fill";
    public static final String ORDER_REJECTED = "order_rejected";
    public static final String LIFECYCLE = "lifecycle";
    public static final String FAILED = "failed";
    public static final String SUSPENDED = "suspended";
    public static final String BREAKER = "breaker";
    public static final String SWAP = "swap";
    public static final String RISK = "risk";
    public static final String STALE = "stale";
    public static final String UNRESOLVED_ORDER = "unresolved_order";
    public static final String HALT = "halt";
    public static final String BACKTEST = "backtest";
    /** A message sent on an operator's request to try a target; never written to the outbox. */
    public static final String TEST = "test";

    /** Every type a target can subscribe to. */
    public static final List<String> ALL = List.of(FILL, ORDER_REJECTED, LIFECYCLE, FAILED, SUSPENDED, BREAKER,
            SWAP, RISK, STALE, UNRESOLVED_ORDER, HALT, BACKTEST);

    private NotificationTypes() {
    }

    /** The notification a bot event is, or empty when it is none (audit entries, recovery steps). */
    public static Optional<String> of(BotEvent event) {
        return of(event.kind());
    }

    /** The notification an event of this kind is, or empty when it is none. */
    public static Optional<String> of(BotEvent.Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case STATE -> LIFECYCLE;
            case SUSPENDED -> SUSPENDED;
            case BREAKER_OPENED, BREAKER_CLOSED -> BREAKER;
            case FAILED -> FAILED;
            case ORDER_REJECTED -> ORDER_REJECTED;
            case UNRESOLVED_ORDER -> UNRESOLVED_ORDER;
            case SWAP -> SWAP;
            case RISK_REFUSED -> RISK;
            case FEED_STALE, FEED_LIVE -> STALE;
            case HALT -> HALT;
            case NOTE -> null;
        });
    }
}
