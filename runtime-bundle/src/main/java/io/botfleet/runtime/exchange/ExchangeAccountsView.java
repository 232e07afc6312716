package io.botfleet.runtime.exchange;

import io.botfleet.api.admin.CircuitBreakerView;
import io.botfleet.api.admin.ExchangeAccounts;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.runtime.config.ConfigWarnings;
import io.botfleet.runtime.config.UnknownKey;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The exchange accounts as the runtime sees them, published for the control API and the metrics:
 * the registry's guarded adapters and circuit breakers, and the configuration warnings of etc/.
 * Only the published form leaves the engine; the registry's own types stay inside it.
 */
@Component(service = ExchangeAccounts.class)
public class ExchangeAccountsView implements ExchangeAccounts {

    @Reference
    ExchangeRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigWarnings configWarnings;

    @Override
    public Optional<AccountHealth> health(ExchangeRef account) {
        return registry.find(account).map(ExchangeAdapter::health);
    }

    @Override
    public Optional<CircuitBreakerView> breaker(ExchangeRef account) {
        return registry.breaker(account).map(ExchangeAccountsView::published);
    }

    @Override
    public List<CircuitBreakerView> breakers() {
        return registry.breakers().stream().map(ExchangeAccountsView::published).toList();
    }

    @Override
    public List<String> configWarnings(ExchangeRef account) {
        ConfigWarnings warnings = configWarnings;
        return warnings == null ? List.of() : warnings.forAccount(account).stream().map(UnknownKey::message).toList();
    }

    static CircuitBreakerView published(BreakerView b) {
        return new CircuitBreakerView(b.account(), CircuitBreakerView.State.valueOf(b.state().name()), b.since(),
                b.failureRate(), b.bufferedCalls(), b.failedCalls(), b.failuresTotal(), b.openedTotal(),
                b.notPermittedTotal(), b.lastFailure(), b.blockedReason());
    }
}
