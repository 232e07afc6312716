package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.admin.CircuitBreakerView;
import io.botfleet.api.admin.ExchangeAccounts;
import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.store.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Read-only views of what is installed: {@code /v1/strategies} and {@code /v1/exchanges}. */
public final class CatalogRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRoutes.class);

    private final Services services;

    public CatalogRoutes(Services services) {
        this.services = services;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/strategies", Role.VIEWER, r -> Reply.ok(strategies())),
                new Route("GET", "/v1/exchanges", Role.VIEWER, r -> Reply.ok(exchanges())));
    }

    private ArrayNode strategies() {
        ArrayNode out = JsonMapper.MAPPER.createArrayNode();
        for (StrategyCatalog.StrategyInfo info : services.strategies().strategies()) {
            ObjectNode s = out.addObject();
            s.put("id", info.id());
            ArrayNode versions = s.putArray("versions");
            for (StrategyCatalog.VersionInfo v : info.versions()) {
                ObjectNode n = versions.addObject();
                n.put("version", v.version());
                n.put("bundleId", v.bundleId());
                n.put("bundleState", v.bundleState());
                ArrayNode bots = n.putArray("bots");
                v.bots().forEach(bots::add);
                n.put("bad", v.bad());
            }
        }
        return out;
    }

    /**
     * One entry per account: only its id, account name and health. The adapter's configuration
     * (keys, secrets) is never read here, so it cannot leak.
     */
    private ArrayNode exchanges() {
        List<ExchangeAdapter> adapters = new ArrayList<>(services.exchanges());
        adapters.sort(Comparator.comparing(ExchangeAdapter::exchangeId).thenComparing(ExchangeAdapter::account));
        ArrayNode out = JsonMapper.MAPPER.createArrayNode();
        for (ExchangeAdapter adapter : adapters) {
            ObjectNode n = out.addObject();
            n.put("id", adapter.exchangeId());
            n.put("account", adapter.account());
            ExchangeAccounts accounts = services.exchangeAccounts();
            ExchangeRef ref = refOf(adapter);
            AccountHealth health;
            try {
                // the runtime's view of the account: its health overruled by an open circuit breaker
                health = accounts == null || ref == null ? adapter.health()
                        : accounts.health(ref).orElseGet(adapter::health);
            } catch (RuntimeException e) {
                LOG.warn("health() of exchange account {}/{} failed", adapter.exchangeId(), adapter.account(), e);
                health = new AccountHealth(AccountStatus.DOWN, "health check failed");
            }
            n.put("status", health.status().name());
            n.put("detail", health.detail());
            if (accounts != null && ref != null) {
                accounts.breaker(ref).ifPresent(b -> breaker(n.putObject("breaker"), b));
            }
            ArrayNode warnings = n.putArray("configWarnings");
            if (accounts != null && ref != null) {
                accounts.configWarnings(ref).forEach(warnings::add);
            }
        }
        return out;
    }

    /** An extension of API.md: the account's circuit breaker. */
    private static void breaker(ObjectNode n, CircuitBreakerView b) {
        n.put("state", b.state().name());
        n.put("since", b.since().toString());
        if (b.failureRate() >= 0) {
            n.put("failureRatePct", Math.round(b.failureRate()));
        } else {
            n.putNull("failureRatePct");
        }
        n.put("bufferedCalls", b.bufferedCalls());
        n.put("failedCalls", b.failedCalls());
        n.put("failuresTotal", b.failuresTotal());
        n.put("openedTotal", b.openedTotal());
        n.put("notPermittedTotal", b.notPermittedTotal());
        n.put("lastFailure", b.lastFailure());
        if (b.blockedReason() != null) {
            n.put("reason", b.blockedReason());
        }
    }

    private static ExchangeRef refOf(ExchangeAdapter adapter) {
        try {
            return new ExchangeRef(adapter.exchangeId(), adapter.account());
        } catch (RuntimeException invalid) {
            return null;
        }
    }
}
