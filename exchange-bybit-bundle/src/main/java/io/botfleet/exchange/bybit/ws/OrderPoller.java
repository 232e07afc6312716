package io.botfleet.exchange.bybit.ws;

import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.exchange.bybit.order.OrderQueries;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * REST stand-in for the private stream: while it is down, polls the open orders and executions of
 * every symbol the account has touched, and reports what changed. Orders it saw open (or that
 * were placed through the adapter) and that left the open list are looked up once more, so their
 * final state (filled, cancelled) is reported too. When the stream comes back a sweep is owed: one
 * last poll covering the moments between the last successful poll and the stream going live. It is
 * repeated every poll interval until it succeeds, since the stream never pushes what happened
 * before it was live: a sweep lost to a failing REST call would lose those fills for good.
 */
public final class OrderPoller {

    private static final System.Logger LOG = System.getLogger(OrderPoller.class.getName());
    /** Executions are re-read with this overlap: a fill reported late must not slip through. */
    private static final Duration OVERLAP = Duration.ofSeconds(60);
    private static final int SEEN_EXECUTIONS = 10_000;

    private final OrderQueries queries;
    private final Supplier<Set<String>> symbols;
    private final Consumer<ExchangeOrder> onOrder;
    private final Consumer<Execution> onExecution;
    private final ScheduledExecutorService scheduler;
    private final long intervalMillis;
    private final LongSupplier serverNow;

    /** client order id → symbol, for orders that may still change. */
    private final Map<String, String> tracked = new ConcurrentHashMap<>();
    private final Map<String, String> lastReported = new ConcurrentHashMap<>();
    private final Set<String> seenExecutions = Collections.newSetFromMap(
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > SEEN_EXECUTIONS;
                }
            }));
    private boolean active;
    /** The stream is back, but no poll has succeeded since: the gap before it went live is open. */
    private boolean sweepOwed;
    private boolean looping;
    private boolean polling;
    private long since;

    public OrderPoller(OrderQueries queries, Supplier<Set<String>> symbols,
                       Consumer<ExchangeOrder> onOrder, Consumer<Execution> onExecution,
                       ScheduledExecutorService scheduler, Duration interval, LongSupplier serverNow) {
        this.queries = queries;
        this.symbols = symbols;
        this.onOrder = onOrder;
        this.onExecution = onExecution;
        this.scheduler = scheduler;
        this.intervalMillis = interval.toMillis();
        this.serverNow = serverNow;
    }

    /** An order placed through the adapter: followed until it is final. */
    public void track(String symbol, String clientOrderId) {
        tracked.put(clientOrderId, symbol);
    }

    /** The private stream is down: start polling now. */
    public synchronized void streamDown() {
        if (active) {
            return;
        }
        active = true;
        if (!sweepOwed) {
            // else the last successful poll's mark stands: nothing since it may be skipped
            since = serverNow.getAsLong() - OVERLAP.toMillis();
        }
        LOG.log(Level.INFO, "private stream down: polling orders every {0} ms", intervalMillis);
        if (!looping) {
            looping = true;
            schedule(0);
        }
    }

    /** The stream is live again: stop once a last poll has succeeded. */
    public synchronized void streamUp() {
        if (!active) {
            return;
        }
        active = false;
        sweepOwed = true;
        if (!polling) {
            pollOnce(); // at once; should it fail, the loop retries it every interval
        }
    }

    public synchronized boolean active() {
        return active;
    }

    public synchronized void stop() {
        active = false;
        sweepOwed = false;
    }

    /**
     * The polling loop: at most one runs, and it ends only when it finds the poller inactive, so
     * a stream that drops, returns and drops again never leaves the poller idle (or doubled).
     */
    private void schedule(long delay) {
        try {
            scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            synchronized (this) {
                looping = false;
            }
        }
    }

    private void tick() {
        synchronized (this) {
            if (!active && !sweepOwed) {
                looping = false;
                return;
            }
            if (polling) { // the last poll of a short stream episode is still running
                schedule(intervalMillis);
                return;
            }
        }
        pollOnce().whenComplete((v, e) -> schedule(intervalMillis));
    }

    /** One poll of every symbol; failures are logged, the next poll tries again. */
    CompletableFuture<Void> pollOnce() {
        long start;
        boolean sweep;
        synchronized (this) {
            polling = true;
            start = since;
            sweep = !active; // started after the stream came back: it closes the gap
        }
        long pollStarted = serverNow.getAsLong();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        Set<String> syms = new TreeSet<>(symbols.get());
        syms.addAll(tracked.values());
        for (String symbol : syms) {
            all.add(pollOrders(symbol));
            all.add(queries.executions(symbol, Instant.ofEpochMilli(start), Instant.ofEpochMilli(pollStarted))
                    .thenAccept(list -> list.forEach(this::reportExecution)));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .handle((v, e) -> {
                    synchronized (this) {
                        polling = false;
                        if (e == null) {
                            since = Math.max(since, pollStarted - OVERLAP.toMillis());
                            if (sweep) {
                                sweepOwed = false;
                            }
                        }
                    }
                    if (e != null) {
                        LOG.log(Level.WARNING, "order poll failed: {0}", e.toString());
                    }
                    return null;
                });
    }

    private CompletableFuture<Void> pollOrders(String symbol) {
        return queries.openOrders(symbol).thenCompose(open -> {
            Set<String> openIds = new HashSet<>();
            for (ExchangeOrder o : open) {
                report(o);
                if (!o.clientOrderId().isEmpty()) {
                    openIds.add(o.clientOrderId());
                    tracked.put(o.clientOrderId(), symbol);
                }
            }
            List<CompletableFuture<Void>> gone = new ArrayList<>();
            for (Map.Entry<String, String> t : tracked.entrySet()) {
                if (t.getValue().equals(symbol) && !openIds.contains(t.getKey())) {
                    String id = t.getKey();
                    gone.add(queries.find(symbol, id).thenAccept(found -> found.ifPresent(o -> {
                        report(o);
                        if (o.status().isTerminal()) {
                            tracked.remove(id);
                        }
                    })));
                }
            }
            return CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new));
        });
    }

    /** Reports an order if its status or filled quantity changed since last reported. */
    private void report(ExchangeOrder o) {
        String key = o.exchangeOrderId();
        String state = o.status() + "/" + strip(o.filledQty());
        if (!state.equals(lastReported.put(key, state))) {
            onOrder.accept(o);
        }
        if (o.status().isTerminal()) {
            lastReported.remove(key); // it will not change again: forget it
            if (!o.clientOrderId().isEmpty()) {
                tracked.remove(o.clientOrderId());
            }
        }
    }

    /** The stream reported this order: remember it so that polling does not repeat it. */
    public void seenOnStream(ExchangeOrder o) {
        if (o.status().isTerminal()) {
            lastReported.remove(o.exchangeOrderId());
            if (!o.clientOrderId().isEmpty()) {
                tracked.remove(o.clientOrderId());
            }
        } else {
            lastReported.put(o.exchangeOrderId(), o.status() + "/" + strip(o.filledQty()));
        }
    }

    public void seenOnStream(Execution e) {
        seenExecutions.add(e.execId());
    }

    private void reportExecution(Execution e) {
        if (seenExecutions.add(e.execId())) {
            onExecution.accept(e);
        }
    }

    private static String strip(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
