package io.botfleet.runtime.health;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.ExchangeAdapter;
import java.util.function.Supplier;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

/**
 * The health of one exchange account: UP is OK, DEGRADED a warning (still ready: orders go
 * through, with trouble), DOWN critical. {@link ExchangeAdapter#health()} does no I/O, so the
 * check is cheap enough to run on every probe.
 */
final class ExchangeAccountCheck implements HealthCheck {

    private final String name;
    private final Supplier<AccountHealth> health;

    /** @param health the account's health as the runtime sees it (circuit breaker included) */
    ExchangeAccountCheck(String name, Supplier<AccountHealth> health) {
        this.name = name;
        this.health = health;
    }

    @Override
    public Result execute() {
        AccountHealth health;
        try {
            health = this.health.get();
        } catch (RuntimeException e) {
            return new Result(Result.Status.HEALTH_CHECK_ERROR, name + ": health() failed: " + e, e);
        }
        String message = health.detail().isEmpty() ? health.status().name()
                : health.status().name() + ": " + health.detail();
        return switch (health.status()) {
            case UP -> new Result(Result.Status.OK, message);
            case DEGRADED -> new Result(Result.Status.WARN, message);
            case DOWN -> new Result(Result.Status.CRITICAL, message);
        };
    }
}
