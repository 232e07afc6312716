package io.botfleet.runtime.health;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.ExchangeAdapter;
import java.util.List;
import java.util.function.Supplier;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

/**
 * The health of one exchange account: UP is OK, DEGRADED a warning (still ready: orders go
 * through, with trouble), DOWN critical. Live bots of the account whose candles stopped (STALE)
 * make an UP account a warning too, naming them. {@link ExchangeAdapter#health()} does no I/O, so
 * the check is cheap enough to run on every probe.
 */
final class ExchangeAccountCheck implements HealthCheck {

    /** Stale bots named in the message at most; the rest are counted. */
    private static final int NAMED = 5;

    private final String name;
    private final Supplier<AccountHealth> health;
    private final Supplier<List<String>> staleBots;

    /**
     * @param health    the account's health as the runtime sees it (circuit breaker included)
     * @param staleBots ids of the account's live bots whose feed is STALE
     */
    ExchangeAccountCheck(String name, Supplier<AccountHealth> health, Supplier<List<String>> staleBots) {
        this.name = name;
        this.health = health;
        this.staleBots = staleBots;
    }

    @Override
    public Result execute() {
        AccountHealth health;
        List<String> stale;
        try {
            health = this.health.get();
            stale = staleBots.get();
        } catch (RuntimeException e) {
            return new Result(Result.Status.HEALTH_CHECK_ERROR, name + ": health() failed: " + e, e);
        }
        String message = health.detail().isEmpty() ? health.status().name()
                : health.status().name() + ": " + health.detail();
        if (!stale.isEmpty()) {
            message += "; " + staleMessage(stale);
        }
        return switch (health.status()) {
            case UP -> new Result(stale.isEmpty() ? Result.Status.OK : Result.Status.WARN, message);
            case DEGRADED -> new Result(Result.Status.WARN, message);
            case DOWN -> new Result(Result.Status.CRITICAL, message);
        };
    }

    static String staleMessage(List<String> stale) {
        String named = String.join(", ", stale.subList(0, Math.min(NAMED, stale.size())));
        String more = stale.size() > NAMED ? " and " + (stale.size() - NAMED) + " more" : "";
        return stale.size() + (stale.size() == 1 ? " bot has" : " bots have") + " a STALE feed (no candle within"
                + " the stale limit): " + named + more;
    }
}
