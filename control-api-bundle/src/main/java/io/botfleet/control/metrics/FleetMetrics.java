package io.botfleet.control.metrics;

import io.botfleet.api.admin.CircuitBreakerView;
import io.botfleet.api.admin.ProcessingFigures;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.DailyPnl;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Halt;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape's worth of figures as Prometheus snapshots (the data model of the Prometheus Java
 * client, which also writes the text format). Nothing is registered or kept between scrapes:
 * the figures come from the bots' persisted counters, the runtime's {@link ProcessingFigures}
 * and the JVM's MXBeans at the moment of the scrape, so there is no second source of truth.
 */
public final class FleetMetrics {

    private FleetMetrics() {
    }

    /**
     * @param bots  every bot's status, or null while no bot manager runs (fleet series omitted)
     * @param stats the runtime's processing figures, or null while absent
     */
    public static MetricSnapshots collect(List<BotStatus> bots, ProcessingFigures stats) {
        return collect(bots, stats, null);
    }

    /** @param http the API's answer counts, or null while absent */
    public static MetricSnapshots collect(List<BotStatus> bots, ProcessingFigures stats, HttpStats http) {
        return collect(bots, stats, http, null);
    }

    /** @param breakers every exchange account's circuit breaker, or null while absent */
    public static MetricSnapshots collect(List<BotStatus> bots, ProcessingFigures stats, HttpStats http,
                                          List<CircuitBreakerView> breakers) {
        return collect(bots, stats, http, breakers, null);
    }

    /** @param halts the active halts (kill switches), or null while no bot manager runs */
    public static MetricSnapshots collect(List<BotStatus> bots, ProcessingFigures stats, HttpStats http,
                                          List<CircuitBreakerView> breakers, List<Halt> halts) {
        List<MetricSnapshot> out = new ArrayList<>();
        if (halts != null) {
            // a count rather than one series per scope, so that "none" is a 0 an alert can rely on
            out.add(gauge("botfleet_halted", "Active halts (kill switches); bots in their scope open no position",
                    halts.size()));
        }
        if (breakers != null) {
            breakers(breakers, out);
        }
        if (bots != null) {
            fleet(bots, out);
        }
        if (stats != null) {
            processing(stats, out);
        }
        if (http != null) {
            http(http, out);
        }
        jvm(out);
        return new MetricSnapshots(out);
    }

    /**
     * Per account: the breaker's state as a one-hot gauge (the Prometheus idiom for an enum: alert
     * on {@code botfleet_exchange_circuit_breaker_state{state="OPEN"} == 1}), how often it opened,
     * calls it refused and failures it recorded.
     */
    private static void breakers(List<CircuitBreakerView> breakers, List<MetricSnapshot> out) {
        GaugeSnapshot.Builder state = GaugeSnapshot.builder().name("botfleet_exchange_circuit_breaker_state")
                .help("Circuit breaker state per exchange account: 1 for the current state, 0 for the others");
        CounterSnapshot.Builder opened = CounterSnapshot.builder().name("botfleet_exchange_circuit_breaker_opened")
                .help("Times an exchange account's circuit breaker opened");
        CounterSnapshot.Builder refused = CounterSnapshot.builder().name("botfleet_exchange_calls_not_permitted")
                .help("Exchange calls refused by an open circuit breaker (never sent)");
        CounterSnapshot.Builder failed = CounterSnapshot.builder().name("botfleet_exchange_call_failures")
                .help("Exchange calls that failed transiently (network, timeout, 5xx, rate limit, unknown outcome)");
        for (CircuitBreakerView b : breakers) {
            for (CircuitBreakerView.State s : CircuitBreakerView.State.values()) {
                state.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("exchange", b.account().id(), "account", b.account().account(), "state", s.name()))
                        .value(b.state() == s ? 1 : 0).build());
            }
            Labels account = Labels.of("exchange", b.account().id(), "account", b.account().account());
            opened.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(account).value(b.openedTotal()).build());
            refused.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(account).value(b.notPermittedTotal()).build());
            failed.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(account).value(b.failuresTotal()).build());
        }
        out.add(state.build());
        out.add(opened.build());
        out.add(refused.build());
        out.add(failed.build());
    }

    private static void http(HttpStats http, List<MetricSnapshot> out) {
        CounterSnapshot.Builder requests = CounterSnapshot.builder().name("botfleet_http_requests")
                .help("API requests answered, by HTTP status");
        http.requestsByStatus().forEach((status, n) -> requests.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("status", Integer.toString(status))).value(n).build()));
        out.add(requests.build());
        out.add(CounterSnapshot.builder().name("botfleet_http_auth_refused")
                .help("API requests refused before routing: a bad or revoked token, or a throttled client")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("reason", "bad_token")).value(http.badTokens()).build())
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("reason", "throttled")).value(http.throttled()).build())
                .build());
    }

    private static void fleet(List<BotStatus> bots, List<MetricSnapshot> out) {
        Map<BotState, Integer> byState = new EnumMap<>(BotState.class);
        for (BotState state : BotState.values()) {
            byState.put(state, 0);
        }
        long candles = 0, signals = 0, orders = 0, fills = 0, rejected = 0, errors = 0, unresolved = 0;
        for (BotStatus bot : bots) {
            byState.merge(bot.state(), 1, Integer::sum);
            BotCounters c = bot.counters();
            candles += c.candles();
            signals += c.signals();
            orders += c.orders();
            fills += c.fills();
            rejected += c.rejected();
            errors += c.errors();
            unresolved += bot.unresolvedOrders();
        }
        GaugeSnapshot.Builder states = GaugeSnapshot.builder().name("botfleet_bots")
                .help("Bots by state");
        byState.forEach((state, n) -> states.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("state", state.name())).value(n).build()));
        out.add(states.build());
        // Sums of the bots' lifetime counters: they survive restarts, as counters should; a
        // deleted bot's share leaves the sum, which Prometheus' rate() treats as a reset.
        out.add(counter("botfleet_candles", "Closed candles processed by all bots", candles));
        out.add(counter("botfleet_signals", "Signals emitted by all bots' strategies", signals));
        out.add(counter("botfleet_orders", "Orders sent to exchanges by all bots", orders));
        out.add(counter("botfleet_fills", "Fill executions applied to all bots", fills));
        out.add(counter("botfleet_orders_rejected", "Orders refused by exchanges", rejected));
        out.add(counter("botfleet_errors", "Strategy and runtime faults of all bots", errors));
        out.add(gauge("botfleet_orders_unresolved",
                "Orders whose placement outcome is unknown, still being looked up by client order id", unresolved));
        staleFeeds(bots, out);
        dailyPnl(bots, out);
    }

    /**
     * Per live bot (RUNNING or PAUSED, with a candle so far): the realized PnL of the UTC day of its
     * last candle, and, for bots with a daily loss limit, the limit and whether it is reached (its
     * risk gate then refuses entries until the next UTC day; alert on
     * {@code botfleet_bot_daily_loss_limit_reached == 1}). Per bot, not per account: bots of an
     * account may trade symbols of different quote currencies, whose PnL does not add up. A stopped
     * bot leaves the series, so an alert ends when the operator stops it.
     */
    private static void dailyPnl(List<BotStatus> bots, List<MetricSnapshot> out) {
        GaugeSnapshot.Builder pnl = GaugeSnapshot.builder().name("botfleet_bot_daily_realized_pnl")
                .help("Realized PnL of a live bot over the UTC day of its last candle, in its quote currency");
        GaugeSnapshot.Builder limit = GaugeSnapshot.builder().name("botfleet_bot_daily_loss_limit")
                .help("A live bot's daily loss limit (risk.maxDailyLoss), in its quote currency");
        GaugeSnapshot.Builder reached = GaugeSnapshot.builder().name("botfleet_bot_daily_loss_limit_reached")
                .help("1 while a live bot's realized loss of the UTC day is at or beyond its daily loss limit (entries refused), else 0");
        for (BotStatus bot : bots) {
            DailyPnl day = bot.dailyPnl();
            if (day == null || (bot.state() != BotState.RUNNING && bot.state() != BotState.PAUSED)) {
                continue;
            }
            Labels labels = Labels.of("bot", bot.id(), "exchange", bot.exchange().id(),
                    "account", bot.exchange().account(), "symbol", bot.symbol());
            pnl.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                    .value(day.realizedPnl().doubleValue()).build());
            if (day.maxDailyLoss() != null) {
                limit.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                        .value(day.maxDailyLoss().doubleValue()).build());
                reached.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                        .value(day.limitReached() ? 1 : 0).build());
            }
        }
        out.add(pnl.build());
        out.add(limit.build());
        out.add(reached.build());
    }

    /**
     * Per exchange account with live bots: how many of them had no candle for their stale limit
     * (alert on {@code botfleet_bot_feeds_stale > 0}); 0 keeps the series there while all is well.
     */
    private static void staleFeeds(List<BotStatus> bots, List<MetricSnapshot> out) {
        Map<ExchangeRef, Integer> stale = new TreeMap<>(Comparator.comparing(ExchangeRef::id)
                .thenComparing(ExchangeRef::account));
        for (BotStatus bot : bots) {
            if (bot.feed() != null) {
                stale.merge(bot.exchange(), bot.feed().stale() ? 1 : 0, Integer::sum);
            }
        }
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("botfleet_bot_feeds_stale")
                .help("Live bots per exchange account that received no candle for their stale limit (3 intervals)");
        stale.forEach((account, n) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("exchange", account.id(), "account", account.account())).value(n).build()));
        out.add(gauge.build());
    }

    private static void processing(ProcessingFigures stats, List<MetricSnapshot> out) {
        out.add(histogram("botfleet_event_processing_seconds", "Time a bot takes to process one mailbox event",
                stats.boundsSeconds(), stats.cumulativeCounts(), stats.sumSeconds()));
        out.add(histogram("botfleet_swap_pause_seconds",
                "Pause a bot sees in a strategy swap: from the request entering its mailbox to the first candle on the new version",
                stats.boundsSeconds(), stats.swapPauseCounts(), stats.swapPauseSeconds()));
        out.add(histogram("botfleet_candle_to_order_seconds",
                "Time from a candle reaching its bot to the candle's first order going to the exchange adapter "
                        + "(mailbox wait, decision, the intent's durable commit)",
                stats.boundsSeconds(), stats.candleToOrderCounts(), stats.candleToOrderSeconds()));
        out.add(CounterSnapshot.builder().name("botfleet_strategy_swaps")
                .help("Strategy swaps and rollbacks by outcome")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("outcome", "ok")).value(stats.swapsOk()).build())
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("outcome", "failed")).value(stats.swapsFailed()).build())
                .build());
        out.add(counter("botfleet_strategy_calls_abandoned",
                "Strategy calls abandoned for running over their time or allocation limit", stats.abandonedCalls()));
    }

    private static MetricSnapshot histogram(String name, String help, double[] bounds, long[] cumulative, double sum) {
        double[] upper = new double[bounds.length + 1];
        long[] perBucket = new long[cumulative.length];
        for (int i = 0; i < cumulative.length; i++) {
            upper[i] = i < bounds.length ? bounds[i] : Double.POSITIVE_INFINITY;
            perBucket[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
        return HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS)
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, perBucket))
                        .sum(sum).build())
                .build();
    }

    private static void jvm(List<MetricSnapshot> out) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.add(memoryGauge("jvm_memory_used_bytes", "Used JVM memory", heap.getUsed(), nonHeap.getUsed()));
        out.add(memoryGauge("jvm_memory_committed_bytes", "Committed JVM memory",
                heap.getCommitted(), nonHeap.getCommitted()));
        out.add(memoryGauge("jvm_memory_max_bytes", "Maximum JVM memory (-1 when undefined)",
                heap.getMax(), nonHeap.getMax()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.add(gauge("jvm_threads_current", "Live JVM threads", threads.getThreadCount()));
        out.add(gauge("jvm_threads_daemon", "Live daemon JVM threads", threads.getDaemonThreadCount()));
        out.add(gauge("jvm_threads_peak", "Peak live JVM threads", threads.getPeakThreadCount()));
    }

    private static MetricSnapshot memoryGauge(String name, String help, long heap, long nonHeap) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("area", "heap")).value(heap).build())
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("area", "nonheap")).value(nonHeap).build())
                .build();
    }

    private static MetricSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
                .build();
    }

    private static MetricSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build())
                .build();
    }
}
