package io.botfleet.control.http.stream;

import io.botfleet.api.backtest.BacktestService;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.store.Role;
import io.botfleet.control.auth.Principal;
import io.botfleet.control.auth.TokenService;
import io.botfleet.control.http.ApiException;
import io.botfleet.control.http.ApiRequest;
import io.botfleet.control.http.HttpConfig;
import io.botfleet.control.http.Reply;
import io.botfleet.control.http.Route;
import io.botfleet.control.http.RouteGroup;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events of the fleet (viewer role, authenticated by
 * the API context like every route; the dashboard may send its token as the {@code access_token}
 * cookie). One thread polls the fleet ({@link FleetDiff}) and appends to one shared
 * {@link EventLog}; each client reads from that log with non-blocking writes on a small writer
 * pool ({@link StreamClient}), so a client that stops reading never holds a thread or a lock
 * another client or the poller needs, and is dropped (it reconnects with {@code Last-Event-ID})
 * when it falls behind the log or stays unwritable. At most {@code streamMaxClients} streams
 * in all and {@code streamMaxPerToken} per token.
 *
 * <p>Polling runs only while clients are connected, or were within the last minute (so a
 * reconnecting client finds what it missed).
 */
@Component(service = RouteGroup.class, configurationPid = HttpConfig.PID)
public class EventStream implements RouteGroup {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final long WARM_NANOS = TimeUnit.MINUTES.toNanos(1);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BotManager bots;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TokenService tokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BacktestService backtests;

    private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
    private final FleetDiff diff = new FleetDiff();
    private final BacktestDiff backtestDiff = new BacktestDiff();
    private EventLog log;
    private ScheduledExecutorService poller;
    private ExecutorService writers;
    private final Object admission = new Object();
    private int maxClients;
    private int maxPerToken;
    private long stallNanos;
    private volatile long lastClientNanos = System.nanoTime() - 2 * WARM_NANOS;

    @Activate
    void activate(HttpConfig config) {
        log = new EventLog(config.streamBufferEvents());
        maxClients = config.streamMaxClients();
        maxPerToken = Math.max(1, config.streamMaxPerToken());
        // a client that took nothing for two heartbeats (at least 30 s) is gone or hostile
        stallNanos = TimeUnit.SECONDS.toNanos(Math.max(30, 2L * config.streamHeartbeatSeconds()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "botfleet-stream-poller"));
        writers = Executors.newFixedThreadPool(2, r -> daemon(r, "botfleet-stream-writer"));
        poller.scheduleWithFixedDelay(this::poll, config.streamPollMillis(), config.streamPollMillis(),
                TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::heartbeat, config.streamHeartbeatSeconds(),
                config.streamHeartbeatSeconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
        for (StreamClient client : clients) {
            client.close();
        }
        clients.clear();
        writers.shutdownNow();
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("GET", "/v1/stream", Role.VIEWER, this::open));
    }

    private Reply open(ApiRequest request) throws IOException {
        HttpServletRequest http = request.servletRequest();
        HttpServletResponse response = request.servletResponse();
        long resumeAfter;
        String lastEventIdHeader = http.getHeader("Last-Event-ID");
        long lastEventId = lastEventId(lastEventIdHeader);
        resumeAfter = lastEventId >= 0 ? log.resumeAfter(lastEventId) : log.lastId();
        StreamClient client;
        synchronized (admission) {
            admit(request.principal());
            response.setStatus(200);
            response.setContentType("text/event-stream; charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Accel-Buffering", "no"); // proxies must not buffer a stream
            AsyncContext async = http.startAsync();
            async.setTimeout(0);
            client = new StreamClient(async, request.principal(), log, resumeAfter, writers);
            clients.add(client);
        }
        client.onClose(() -> clients.remove(client));
        lastClientNanos = System.nanoTime();
        // retry hint, then what the client missed (read from the log as it drains), then live events
        client.offerControl(("retry: 2000\n\n").getBytes(StandardCharsets.UTF_8));
        if (lastEventId < 0) {
            client.offerControl((": connected at event " + resumeAfter + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        client.start();
        return Reply.HANDLED;
    }

    /** Refuses a stream over the global cap (503) or over the token's own cap (429). */
    private void admit(Principal principal) {
        if (clients.size() >= maxClients) {
            throw ApiException.unavailable("too many stream clients; try again later");
        }
        long mine = clients.stream().filter(c -> c.principal().name().equals(principal.name())).count();
        if (mine >= maxPerToken) {
            throw ApiException.tooManyRequests(5, "token '" + principal.name() + "' already has " + mine
                    + " open streams (streamMaxPerToken " + maxPerToken + "); close one first");
        }
    }

    private static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // an id this server never sent: no replay
        }
    }

    /** One look at the fleet; publishes what changed. Never throws (it would stop the schedule). */
    void poll() {
        try {
            BotManager manager = bots;
            if (!clients.isEmpty()) {
                lastClientNanos = System.nanoTime();
            } else if (System.nanoTime() - lastClientNanos > WARM_NANOS) {
                return;
            }
            if (manager != null) {
                for (FleetDiff.Change change : diff.next(manager.list(), manager)) {
                    log.append(change.name(), change.data().toString());
                }
            }
            BacktestService runner = backtests;
            if (runner != null) {
                for (FleetDiff.Change change : backtestDiff.next(runner.recent())) {
                    log.append(change.name(), change.data().toString());
                }
            }
            // clients read the new events from the log when their connection can take them
            for (StreamClient client : clients) {
                client.wake();
            }
        } catch (RuntimeException e) {
            LOG.warn("Event stream poll failed: {}", e.toString());
        }
    }

    /**
     * Keeps idle connections open through proxies and notices dead clients; also ends streams
     * whose token was revoked since they connected.
     */
    void heartbeat() {
        try {
            TokenService service = tokens;
            Set<String> valid = null;
            if (service != null) {
                valid = ConcurrentHashMap.newKeySet();
                for (var token : service.list()) {
                    valid.add(token.name());
                }
            }
            byte[] ping = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
            long now = System.nanoTime();
            for (StreamClient client : clients) {
                Principal p = client.principal();
                if (valid != null && !valid.contains(p.name())) {
                    client.close();
                } else if (client.blockedNanos(now) > stallNanos) {
                    LOG.info("Closing the event stream of token '{}': it has not read for {} s", p.name(),
                            TimeUnit.NANOSECONDS.toSeconds(client.blockedNanos(now)));
                    client.close();
                } else {
                    client.offerControl(ping);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Event stream heartbeat failed: {}", e.toString());
        }
    }

    int clientCount() {
        return clients.size();
    }

    Set<StreamClient> clients() {
        return clients;
    }

    EventLog log() {
        return log;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
