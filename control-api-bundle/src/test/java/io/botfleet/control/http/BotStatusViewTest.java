package io.botfleet.control.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.DailyPnl;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.Position;
import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.Test;

/** The bot status as the API shows it: the fields a reader cannot get elsewhere. */
public class BotStatusViewTest {

    private static BotStatus status(int unresolved, int open, DailyPnl day) {
        return new BotStatus("b", BotState.RUNNING, DesiredState.RUNNING, "sma-crossover", "1.0.0",
                new ExchangeRef("paper", "default"), "BTCUSDT", Interval.M1, Position.FLAT, BotCounters.ZERO,
                Instant.parse("2026-11-28T19:21:00Z"), null, Instant.parse("2026-11-28T19:22:00Z"), null, unresolved,
                open, day, null);
    }

    @Test
    public void showsTheOrdersOnTheirWayAndTheDaysPnlAsTheLossRuleCountsIt() {
        DailyPnl day = new DailyPnl(LocalDate.parse("2026-11-28"), new BigDecimal("-50.10"), new BigDecimal("50"), true);
        JsonNode n = ApiViews.botStatus(status(1, 3, day));
        assertEquals(1, n.path("unresolvedOrders").asInt());
        assertEquals(3, n.path("openOrders").asInt());
        assertEquals("2026-11-28", n.path("dailyPnl").path("day").asText());
        assertEquals("money as an exact decimal string", "-50.10", n.path("dailyPnl").path("realizedPnl").asText());
        assertEquals("50", n.path("dailyPnl").path("maxDailyLoss").asText());
        assertTrue(n.path("dailyPnl").path("limitReached").asBoolean());
    }

    @Test
    public void noDayBeforeTheFirstCandleAndNoLimitWhenNoneIsSet() {
        assertTrue(ApiViews.botStatus(status(0, 0, null)).path("dailyPnl").isNull());
        DailyPnl day = new DailyPnl(LocalDate.parse("2026-11-28"), BigDecimal.ZERO, null, false);
        assertTrue(ApiViews.botStatus(status(0, 0, day)).path("dailyPnl").path("maxDailyLoss").isNull());
    }

    @Test(expected = IllegalArgumentException.class)
    public void anUnresolvedOrderIsAnOpenOne() {
        status(2, 1, null);
    }
}
