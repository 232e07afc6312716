package io.botfleet.api.admin;

import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.AccountHealth;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The exchange accounts as the runtime sees them: health behind its circuit breakers, configuration warnings. */
@ProviderType
public interface ExchangeAccounts {

    /**
     * The account's health as bots see it: the adapter's own, overruled by an open circuit
     * breaker; empty when the runtime does not know the account.
     */
    Optional<AccountHealth> health(ExchangeRef account);

    /** The account's circuit breaker; empty when the runtime does not know the account. */
    Optional<CircuitBreakerView> breaker(ExchangeRef account);

    /** Every account's circuit breaker. */
    List<CircuitBreakerView> breakers();

    /** Unknown keys in the account's configuration file, one message each; empty when none. */
    List<String> configWarnings(ExchangeRef account);
}
