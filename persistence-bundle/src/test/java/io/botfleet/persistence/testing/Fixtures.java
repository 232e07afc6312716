package io.botfleet.persistence.testing;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Position;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderStatus;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.market.Interval;
import io.botfleet.api.store.BotProgress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Test data that looks like what the runtime writes. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private Fixtures() {
    }

    public static BotConfig config(String id) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fast", 10);
        params.put("slow", 30);
        return new BotConfig(id, new StrategySpec("sma-crossover", "1.0.0", params),
                new ExchangeRef("paper", "default"), "BTCUSDT", Interval.M1,
                new RiskLimits(new BigDecimal("0.01"), new BigDecimal("0.05"), new BigDecimal("5000"),
                        new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("100")), true);
    }

    /** Progress after {@code candles} candles, with a risk state holding money. */
    public static BotProgress progress(String botId, long candles, long nextSeq) {
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("day", "2026-01-05");
        risk.put("realizedPnl", new BigDecimal("-12.50"));
        return new BotProgress(botId, T0.plusSeconds(60 * candles), new BotCounters(candles, candles / 2, nextSeq - 1,
                0, 0, 0), new Position(new BigDecimal("0.01"), new BigDecimal("42000.5"), new BigDecimal("1.25"),
                new BigDecimal("-3.000")), nextSeq, risk);
    }

    public static BotOrder intent(String botId, String clientOrderId) {
        Instant at = T0.plusMillis(1234);
        return new BotOrder(botId, clientOrderId, null, "BTCUSDT", OrderSide.BUY, OrderType.MARKET,
                new BigDecimal("0.010"), null, OrderStatus.PENDING_SEND, BigDecimal.ZERO, null, at, at, "signal");
    }

    public static BotFill fill(BotOrder order, String execId) {
        return new BotFill(order.botId(), execId, order.clientOrderId(), order.side(), order.qty(),
                new BigDecimal("42000.10"), new BigDecimal("0.0000042"), "BTC", T0.plusSeconds(2));
    }

    /** Waits for a stage; fails the test after 30 s. */
    public static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
