package io.botfleet.control.http;

import io.botfleet.api.admin.ExchangeAccounts;
import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.notify.NotificationTargets;
import io.botfleet.api.store.AuditLog;
import io.botfleet.control.auth.TokenService;
import java.util.List;

/**
 * The services route groups need, looked up per call: each may come and go at run time, and a
 * missing one makes its routes answer 503 instead of taking the whole API down.
 */
public interface Services {

    /** @throws ApiException 503 while no bot manager is registered */
    BotManager bots();

    /** @throws ApiException 503 while no strategy registry is registered */
    StrategyCatalog strategies();

    /** @throws ApiException 503 while the token store is unavailable */
    TokenService tokens();

    /** @throws ApiException 503 while no audit log is registered */
    AuditLog auditLog();

    /** The exchange accounts currently registered. */
    List<ExchangeAdapter> exchanges();

    /** The runtime's view of the accounts (circuit breakers, configuration warnings), or null while absent. */
    default ExchangeAccounts exchangeAccounts() {
        return null;
    }

    /** The cluster this node belongs to, or null outside cluster mode. */
    default ClusterView cluster() {
        return null;
    }

    /** The notification targets, or null while the notify bundle is absent. */
    default NotificationTargets notifications() {
        return null;
    }
}
