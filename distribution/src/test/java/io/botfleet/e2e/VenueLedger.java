package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.exchange.bybit.fake.FakeAccount;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bots' books checked against the fake Bybit venue's own records: no orderLinkId created twice,
 * every venue order known to its bot and every order a bot thinks sent on the venue, each
 * execution applied once and to its order, position = sum of fills, filled orders = their fills,
 * nothing left PENDING_SEND, bots in their desired state, every published candle processed once.
 * How a test reads a bot's books (one server, or the node that runs it in a cluster) is its own
 * affair; the check is this one. {@link TradingLedger} is the same for the paper exchange.
 */
final class VenueLedger {

    /** One bot's books as the API answered them, and the candles it should have processed. */
    record BotBooks(String id, JsonNode status, JsonNode orders, JsonNode fills, long candles) {

        /** Orders and fills from {@code api}; the status as the caller read it. */
        static BotBooks read(Api api, String token, String id, JsonNode status, long candles) {
            return new BotBooks(id, status, api.get("/api/v1/bots/" + id + "/orders?status=all&limit=1000", token).json(),
                    api.get("/api/v1/bots/" + id + "/fills?limit=1000", token).json(), candles);
        }
    }

    private VenueLedger() {
    }

    static void check(FakeAccount venue, List<BotBooks> bots) {
        Map<String, Integer> created = new HashMap<>();
        venue.orders().forEach(o -> created.merge(o.orderLinkId, 1, Integer::sum));
        created.forEach((linkId, n) -> assertEquals("the exchange created " + linkId + " once", 1, (int) n));
        Map<String, String> execOrder = new HashMap<>();
        venue.executions().forEach(e -> execOrder.put(e.execId(), e.order().orderLinkId));
        Set<String> knownByBots = new HashSet<>();
        Set<String> applied = new HashSet<>();
        for (BotBooks bot : bots) {
            checkBot(bot, created, execOrder, knownByBots, applied);
        }
        for (String linkId : created.keySet()) {
            assertTrue("a bot knows the exchange's order " + linkId, knownByBots.contains(linkId));
        }
        assertEquals("every execution of the exchange is a fill of its bot, once", execOrder.keySet(), applied);
    }

    private static void checkBot(BotBooks bot, Map<String, Integer> created, Map<String, String> execOrder,
                                 Set<String> knownByBots, Set<String> applied) {
        String id = bot.id();
        JsonNode status = bot.status();
        assertTrue(id + ": under the API limit", bot.orders().size() < 1000 && bot.fills().size() < 1000);
        assertEquals(id + " in its desired state: " + status, status.path("desiredState").asText(),
                status.path("state").asText());
        assertEquals(id + ": every published candle processed once", bot.candles(),
                status.path("counters").path("candles").asLong());
        for (JsonNode order : bot.orders()) {
            String cid = order.path("clientOrderId").asText();
            assertTrue(id + ": one journal entry per client order id " + cid, knownByBots.add(cid));
            String state = order.path("status").asText();
            assertFalse(id + ": nothing left in flight: " + order, state.equals("PENDING_SEND"));
            if (state.equals("NOT_SENT")) {
                assertFalse(id + ": a NOT_SENT order never reached the exchange: " + cid, created.containsKey(cid));
            } else if (!state.equals("REJECTED")) {
                assertTrue(id + ": the exchange has " + order, created.containsKey(cid));
            }
        }
        BigDecimal position = BigDecimal.ZERO;
        Map<String, BigDecimal> filledByOrder = new HashMap<>();
        for (JsonNode fill : bot.fills()) {
            String exec = fill.path("execId").asText();
            assertTrue(id + ": fill " + exec + " applied once", applied.add(exec));
            assertEquals(id + ": fill " + exec + " is of the exchange's order", execOrder.get(exec),
                    fill.path("clientOrderId").asText());
            BigDecimal qty = new BigDecimal(fill.path("qty").asText());
            position = position.add(fill.path("side").asText().equals("BUY") ? qty : qty.negate());
            filledByOrder.merge(fill.path("clientOrderId").asText(), qty, BigDecimal::add);
        }
        assertEquals(id + ": position = sum of fills", 0,
                position.compareTo(new BigDecimal(status.path("position").path("qty").asText())));
        for (JsonNode order : bot.orders()) {
            if (order.path("status").asText().equals("FILLED")) {
                assertEquals(id + ": filled quantity of " + order, 0, new BigDecimal(order.path("qty").asText())
                        .compareTo(filledByOrder.getOrDefault(order.path("clientOrderId").asText(), BigDecimal.ZERO)));
            }
        }
        assertEquals(id + ": fills counter", bot.fills().size(), status.path("counters").path("fills").asLong());
    }
}
