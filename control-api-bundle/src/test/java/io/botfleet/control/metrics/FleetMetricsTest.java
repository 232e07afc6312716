package io.botfleet.control.metrics;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.admin.CircuitBreakerView;
import io.botfleet.api.admin.ProcessingFigures;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.DailyPnl;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.FeedHealth;
import io.botfleet.api.bot.Position;
import io.botfleet.api.market.Interval;
import io.botfleet.runtime.bot.ProcessingStats;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.Test;

public class FleetMetricsTest {

    private static BotStatus bot(String id, BotState state, BotCounters counters) {
        return new BotStatus(id, state, DesiredState.RUNNING, "sma-crossover", "1.0.0",
                new ExchangeRef("paper", "default"), "BTCUSDT", Interval.M1, Position.FLAT, counters,
                null, null, Instant.EPOCH);
    }

    private static String scrape(List<BotStatus> bots, ProcessingFigures stats) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, FleetMetrics.collect(bots, stats),
                EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void staleFeedsPerAccount() throws Exception {
        ExchangeRef paper = new ExchangeRef("paper", "default");
        ExchangeRef bybit = new ExchangeRef("bybit", "main");
        FeedHealth live = new FeedHealth(FeedHealth.State.LIVE, Instant.EPOCH);
        FeedHealth stale = new FeedHealth(FeedHealth.State.STALE, Instant.EPOCH);
        String text = scrape(List.of(withFeed("a", paper, live), withFeed("b", bybit, stale),
                withFeed("c", bybit, stale), withFeed("d", bybit, live), withFeed("e", paper, null)), null);
        assertTrue(text, text.contains("botfleet_bot_feeds_stale{account=\"main\",exchange=\"bybit\"} 2"));
        assertTrue(text, text.contains("botfleet_bot_feeds_stale{account=\"default\",exchange=\"paper\"} 0"));
    }

    private static BotStatus withFeed(String id, ExchangeRef account, FeedHealth feed) {
        return new BotStatus(id, BotState.RUNNING, DesiredState.RUNNING, "sma-crossover", "1.0.0", account,
                "BTCUSDT", Interval.M1, Position.FLAT, BotCounters.ZERO, null, null, Instant.EPOCH, feed, 0);
    }

    @Test
    public void fleetCountersStatesHistogramAndJvm() throws Exception {
        ProcessingStats stats = new ProcessingStats();
        stats.recordEvent(5_000);        // 5 µs: first bucket
        stats.recordEvent(2_000_000);    // 2 ms
        stats.recordEvent(5_000_000_000L); // 5 s: only +Inf
        stats.recordSwap(true);
        stats.recordAbandonedCall();
        stats.recordCandleToOrder(700_000);     // 0.7 ms
        stats.recordCandleToOrder(30_000_000);  // 30 ms
        String text = scrape(List.of(
                bot("a", BotState.RUNNING, new BotCounters(10, 3, 2, 2, 1, 0)),
                bot("b", BotState.RUNNING, new BotCounters(5, 1, 1, 1, 0, 4)),
                bot("c", BotState.PAUSED, BotCounters.ZERO)), stats.snapshot());
        assertTrue(text, text.contains("botfleet_bots{state=\"RUNNING\"} 2"));
        assertTrue(text, text.contains("botfleet_bots{state=\"PAUSED\"} 1"));
        assertTrue(text, text.contains("botfleet_bots{state=\"FAILED\"} 0"));
        assertTrue(text, text.contains("botfleet_candles_total 15"));
        assertTrue(text, text.contains("botfleet_orders_total 3"));
        assertTrue(text, text.contains("botfleet_orders_rejected_total 1"));
        assertTrue(text, text.contains("botfleet_errors_total 4"));
        assertTrue(text, text.contains("# TYPE botfleet_event_processing_seconds histogram"));
        assertTrue(text, text.contains("botfleet_event_processing_seconds_bucket{le=\"1.0E-5\"} 1"));
        assertTrue(text, text.contains("botfleet_event_processing_seconds_bucket{le=\"0.0025\"} 2"));
        assertTrue(text, text.contains("botfleet_event_processing_seconds_bucket{le=\"2.5\"} 2"));
        assertTrue(text, text.contains("botfleet_event_processing_seconds_bucket{le=\"+Inf\"} 3"));
        assertTrue(text, text.contains("botfleet_event_processing_seconds_count 3"));
        assertTrue(text, text.contains("botfleet_candle_to_order_seconds_bucket{le=\"5.0E-4\"} 0"));
        assertTrue(text, text.contains("botfleet_candle_to_order_seconds_bucket{le=\"0.001\"} 1"));
        assertTrue(text, text.contains("botfleet_candle_to_order_seconds_bucket{le=\"0.025\"} 1"));
        assertTrue(text, text.contains("botfleet_candle_to_order_seconds_bucket{le=\"0.05\"} 2"));
        assertTrue(text, text.contains("botfleet_candle_to_order_seconds_count 2"));
        assertTrue(text, text.contains("botfleet_strategy_swaps_total{outcome=\"ok\"} 1"));
        assertTrue(text, text.contains("botfleet_strategy_calls_abandoned_total 1"));
        assertTrue(text, text.contains("jvm_memory_used_bytes{area=\"heap\"}"));
        assertTrue(text, text.contains("jvm_threads_current"));
    }

    @Test
    public void unresolvedOrdersOfAllBotsAreOneGauge() throws Exception {
        BotStatus a = bot("a", BotState.RUNNING, BotCounters.ZERO);
        BotStatus b = bot("b", BotState.RUNNING, BotCounters.ZERO);
        BotStatus twoUnresolved = new BotStatus(a.id(), a.state(), a.desiredState(), a.strategyId(),
                a.strategyVersion(), a.exchange(), a.symbol(), a.interval(), a.position(), a.counters(), null,
                null, Instant.EPOCH, null, 2);
        BotStatus oneUnresolved = new BotStatus(b.id(), b.state(), b.desiredState(), b.strategyId(),
                b.strategyVersion(), b.exchange(), b.symbol(), b.interval(), b.position(), b.counters(), null,
                null, Instant.EPOCH, null, 1);
        String text = scrape(List.of(twoUnresolved, oneUnresolved, bot("c", BotState.RUNNING, BotCounters.ZERO)),
                new ProcessingStats().snapshot());
        assertTrue(text, text.contains("# TYPE botfleet_orders_unresolved gauge"));
        assertTrue(text, text.contains("botfleet_orders_unresolved 3"));
    }

    @Test
    public void httpAnswersAndRefusals() throws Exception {
        HttpStats http = new HttpStats();
        http.recordStatus(200);
        http.recordStatus(200);
        http.recordStatus(401);
        http.recordBadToken();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, FleetMetrics.collect(null, null, http),
                EscapingScheme.UNDERSCORE_ESCAPING);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.contains("botfleet_http_requests_total{status=\"200\"} 2"));
        assertTrue(text, text.contains("botfleet_http_requests_total{status=\"401\"} 1"));
        assertTrue(text, text.contains("botfleet_http_auth_refused_total{reason=\"bad_token\"} 1"));
        assertTrue(text, text.contains("botfleet_http_auth_refused_total{reason=\"throttled\"} 0"));
    }

    @Test
    public void withoutRuntimeOnlyJvmFigures() throws Exception {
        String text = scrape(null, null);
        assertTrue(text, !text.contains("botfleet_"));
        assertTrue(text, text.contains("jvm_threads_peak"));
    }

    @Test
    public void circuitBreakerStateOneHotPerAccount() throws Exception {
        CircuitBreakerView open = new CircuitBreakerView(
                new ExchangeRef("bybit", "main"), CircuitBreakerView.State.OPEN,
                Instant.EPOCH, 75f, 8, 6, 11, 2, 40, "TRANSIENT http-503", "open");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, FleetMetrics.collect(null, null, null, List.of(open)),
                EscapingScheme.UNDERSCORE_ESCAPING);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text, text.contains(
                "botfleet_exchange_circuit_breaker_state{account=\"main\",exchange=\"bybit\",state=\"OPEN\"} 1"));
        assertTrue(text, text.contains(
                "botfleet_exchange_circuit_breaker_state{account=\"main\",exchange=\"bybit\",state=\"CLOSED\"} 0"));
        assertTrue(text, text.contains("botfleet_exchange_circuit_breaker_opened_total{account=\"main\",exchange=\"bybit\"} 2"));
        assertTrue(text, text.contains("botfleet_exchange_calls_not_permitted_total{account=\"main\",exchange=\"bybit\"} 40"));
        assertTrue(text, text.contains("botfleet_exchange_call_failures_total{account=\"main\",exchange=\"bybit\"} 11"));
    }

    @Test
    public void activeHaltsAreCountedAndNoneIsZero() throws Exception {
        Halt fleet = new Halt(null, null, false, "incident", "ops", Instant.EPOCH);
        Halt account = new Halt("bybit", "main", true, "", "ops", Instant.EPOCH);
        assertTrue(scrapeHalts(List.of(fleet, account)).contains("botfleet_halted 2.0"));
        assertTrue(scrapeHalts(List.of()).contains("botfleet_halted 0.0"));
    }

    private static String scrapeHalts(List<Halt> halts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, FleetMetrics.collect(null, null, null, null, halts),
                EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void dailyRealizedPnlAndLossLimitPerLiveBot() throws Exception {
        ExchangeRef bybit = new ExchangeRef("bybit", "main");
        LocalDate day = LocalDate.parse("2026-03-02");
        BigDecimal limit = new BigDecimal("50");
        String text = scrape(List.of(
                withDay("loser", BotState.RUNNING, bybit, new DailyPnl(day, new BigDecimal("-50.00"), limit, true)),
                withDay("winner", BotState.PAUSED, bybit, new DailyPnl(day, new BigDecimal("12.5"), limit, false)),
                withDay("free", BotState.RUNNING, bybit, new DailyPnl(day, new BigDecimal("-3"), null, false)),
                withDay("stopped", BotState.STOPPED, bybit, new DailyPnl(day, new BigDecimal("-80"), limit, true)),
                withDay("fresh", BotState.RUNNING, bybit, null)), null);
        String loser = "{account=\"main\",bot=\"loser\",exchange=\"bybit\",symbol=\"BTCUSDT\"}";
        String winner = "{account=\"main\",bot=\"winner\",exchange=\"bybit\",symbol=\"BTCUSDT\"}";
        String free = "{account=\"main\",bot=\"free\",exchange=\"bybit\",symbol=\"BTCUSDT\"}";
        assertTrue(text, text.contains("botfleet_bot_daily_realized_pnl" + loser + " -50.0"));
        assertTrue(text, text.contains("botfleet_bot_daily_loss_limit" + loser + " 50.0"));
        assertTrue(text, text.contains("botfleet_bot_daily_loss_limit_reached" + loser + " 1.0"));
        assertTrue(text, text.contains("botfleet_bot_daily_realized_pnl" + winner + " 12.5"));
        assertTrue(text, text.contains("botfleet_bot_daily_loss_limit_reached" + winner + " 0.0"));
        // a bot without a limit has its PnL, and no limit series an alert could fire on
        assertTrue(text, text.contains("botfleet_bot_daily_realized_pnl" + free + " -3.0"));
        assertFalse(text, text.contains("botfleet_bot_daily_loss_limit_reached" + free));
        // a stopped bot and one without a candle yet have none
        assertFalse(text, text.contains("bot=\"stopped\""));
        assertFalse(text, text.contains("bot=\"fresh\""));
    }

    private static BotStatus withDay(String id, BotState state, ExchangeRef account, DailyPnl day) {
        return new BotStatus(id, state, DesiredState.RUNNING, "sma-crossover", "1.0.0", account,
                "BTCUSDT", Interval.M1, Position.FLAT, BotCounters.ZERO, null, null, Instant.EPOCH, null, 0, 0, day, null);
    }
}
