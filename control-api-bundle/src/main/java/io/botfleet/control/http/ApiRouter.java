package io.botfleet.control.http;

import io.botfleet.api.admin.ExchangeAccounts;
import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.notify.NotificationTargets;
import io.botfleet.api.store.AuditLog;
import io.botfleet.api.store.BotJournal;
import io.botfleet.control.auth.TokenService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The API's route table and the services behind it. Every reference is dynamic and optional:
 * the API stays up (answering 503 for what is missing) while the runtime, the store or an
 * exchange account comes and goes, instead of vanishing into the container's 404.
 *
 * <p>Shared by {@link ApiContext} (which needs each route's role before the call) and
 * {@link ApiServlet} (which runs the handler), so both see the same table. Other components add
 * routes as {@link RouteGroup} services; the table is rebuilt (and swapped atomically) when one
 * comes or goes.
 */
@Component(service = ApiRouter.class)
public class ApiRouter implements Services {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BotManager botManager;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile StrategyCatalog strategyCatalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TokenService tokenService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog auditLog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BotJournal botJournal;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ExchangeAccounts exchangeAccounts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile NotificationTargets notificationTargets;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ClusterView clusterView;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    final List<ExchangeAdapter> exchangeAdapters = new CopyOnWriteArrayList<>();

    private final List<RouteGroup> groups = new CopyOnWriteArrayList<>();
    private volatile Router router;
    private volatile AuditRecorder audit;
    private volatile boolean active;

    @Activate
    void activate() {
        audit = new AuditRecorder(() -> auditLog, () -> botJournal, Clock.systemUTC());
        active = true;
        rebuild();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRouteGroup(RouteGroup group) {
        groups.add(group);
        rebuild();
    }

    void removeRouteGroup(RouteGroup group) {
        groups.remove(group);
        rebuild();
    }

    /** Built-in routes, with contributed ones replacing the pending routes they implement. */
    private synchronized void rebuild() {
        if (!active) {
            return;
        }
        List<Route> contributed = new ArrayList<>();
        for (RouteGroup group : groups) {
            contributed.addAll(group.routes());
        }
        List<Route> routes = new ArrayList<>();
        routes.addAll(new TokenRoutes(this).routes());
        routes.addAll(new SessionRoutes().routes());
        routes.addAll(new BotRoutes(this).routes());
        routes.addAll(new HaltRoutes(this, Clock.systemUTC()).routes());
        routes.addAll(new CatalogRoutes(this).routes());
        routes.addAll(new AuditRoutes(this).routes());
        routes.addAll(new NotificationRoutes(this).routes());
        routes.addAll(new ClusterRoutes(this).routes());
        routes.addAll(new OpenApiRoutes().routes());
        for (Route pending : new PendingRoutes().routes()) {
            boolean replaced = contributed.stream().anyMatch(c -> c.method().equals(pending.method())
                    && c.template().toString().equals(pending.template().toString()));
            if (!replaced) {
                routes.add(pending);
            }
        }
        routes.addAll(contributed);
        router = new Router(routes);
    }

    public Router router() {
        return router;
    }

    public AuditRecorder audit() {
        return audit;
    }

    @Override
    public BotManager bots() {
        BotManager m = botManager;
        if (m == null) {
            throw ApiException.unavailable("the bot runtime is not running yet");
        }
        return m;
    }

    @Override
    public StrategyCatalog strategies() {
        StrategyCatalog c = strategyCatalog;
        if (c == null) {
            throw ApiException.unavailable("the strategy registry is not running yet");
        }
        return c;
    }

    @Override
    public TokenService tokens() {
        TokenService t = tokenService;
        if (t == null) {
            throw ApiException.unavailable("the token store is not available yet");
        }
        return t;
    }

    @Override
    public AuditLog auditLog() {
        AuditLog log = auditLog;
        if (log == null) {
            throw ApiException.unavailable("the audit log is not available yet");
        }
        return log;
    }

    @Override
    public List<ExchangeAdapter> exchanges() {
        return List.copyOf(exchangeAdapters);
    }

    @Override
    public ExchangeAccounts exchangeAccounts() {
        return exchangeAccounts;
    }

    @Override
    public NotificationTargets notifications() {
        return notificationTargets;
    }

    @Override
    public ClusterView cluster() {
        return clusterView;
    }
}
