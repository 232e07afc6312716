package io.botfleet.api.notify;

import io.botfleet.api.bot.BotEvent;
import java.util.List;
import java.util.Optional;

/**
 * The notification types and which bot events they report. Journal events carry no finer kind
 * than {@link BotEvent.Type}, so the lifecycle, error and warning ones are told apart by the
 * fixed words the runtime starts their messages with.
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
        String m = event.message();
        return Optional.ofNullable(switch (event.type()) {
            case LIFECYCLE -> m.startsWith("SUSPENDED") ? (m.contains("circuit breaker") ? BREAKER : SUSPENDED)
                    : LIFECYCLE;
            case ERROR -> m.startsWith("FAILED") || m.startsWith("watchdog gave up") ? FAILED
                    : m.contains(" unresolved") ? UNRESOLVED_ORDER : null;
            case ORDER -> ORDER_REJECTED;
            case SWAP -> SWAP;
            case RISK -> RISK;
            case WARNING -> m.startsWith("STALE") || m.startsWith("feed LIVE") ? STALE : null;
            case RECOVERY -> m.contains("circuit breaker closed") ? BREAKER : null;
            case HALT -> HALT;
            case AUDIT -> null;
        });
    }
}
