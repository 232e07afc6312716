package io.botfleet.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One paper bot's books checked against the exchange's own: the bot's status, orders and fills
 * (from the API) against the paper account's journal file. Nothing sent twice, nothing the
 * exchange has unknown to the bot, every fill applied once, position = sum of fills, nothing left
 * PENDING_SEND. Used by the paper side of {@link CrashRecoveryIT} and by {@link DatabaseOutageIT}.
 */
final class TradingLedger {

    private TradingLedger() {
    }

    static void check(String id, JsonNode status, JsonNode orders, JsonNode fills, Path exchangeJournal)
            throws IOException {
        ExchangeRecords exchange = ExchangeRecords.read(exchangeJournal);
        assertTrue(id + ": under the API limit", orders.size() < 1000 && fills.size() < 1000);
        Set<String> clientIds = new HashSet<>();
        for (JsonNode order : orders) {
            String cid = order.path("clientOrderId").asText();
            assertTrue(id + ": one journal entry per client order id " + cid, clientIds.add(cid));
            String state = order.path("status").asText();
            assertFalse(id + ": nothing left in flight: " + order, state.equals("PENDING_SEND"));
            if (state.equals("NOT_SENT")) {
                assertFalse(id + ": a NOT_SENT order never reached the exchange: " + cid, exchange.placed.containsKey(cid));
            } else {
                assertTrue(id + ": the exchange has " + cid, exchange.placed.containsKey(cid));
            }
        }
        for (Map.Entry<String, Integer> placed : exchange.placed.entrySet()) {
            assertEquals(id + ": the exchange received " + placed.getKey() + " once", 1, (int) placed.getValue());
            assertTrue(id + ": the bot knows the exchange's order " + placed.getKey(), clientIds.contains(placed.getKey()));
        }
        // Only balance can refuse here: a rejection would mean the bot acted on a position the
        // exchange had already changed.
        assertTrue(id + ": the exchange refused nothing; it refused " + exchange.rejections.size() + ", first: "
                + exchange.rejections.subList(0, Math.min(3, exchange.rejections.size())), exchange.rejections.isEmpty());
        Set<String> execIds = new HashSet<>();
        Map<String, BigDecimal> filledByOrder = new HashMap<>();
        BigDecimal position = BigDecimal.ZERO;
        for (JsonNode fill : fills) {
            String exec = fill.path("execId").asText();
            assertTrue(id + ": fill " + exec + " applied once", execIds.add(exec));
            BigDecimal qty = new BigDecimal(fill.path("qty").asText());
            position = position.add(fill.path("side").asText().equals("BUY") ? qty : qty.negate());
            filledByOrder.merge(fill.path("clientOrderId").asText(), qty, BigDecimal::add);
        }
        assertEquals(id + ": every execution of the exchange is a fill of the bot", exchange.executions, execIds);
        assertEquals(id + ": position = sum of fills", 0,
                position.compareTo(new BigDecimal(status.path("position").path("qty").asText())));
        for (JsonNode order : orders) {
            if (order.path("status").asText().equals("FILLED")) {
                assertEquals(id + ": filled quantity of " + order, 0, new BigDecimal(order.path("qty").asText())
                        .compareTo(filledByOrder.getOrDefault(order.path("clientOrderId").asText(), BigDecimal.ZERO)));
            }
        }
        assertEquals(id + ": fills counter", fills.size(), status.path("counters").path("fills").asLong());
    }

    /** The paper account's own records: orders it accepted (by client order id) and executions. */
    static final class ExchangeRecords {
        final Map<String, Integer> placed = new HashMap<>();
        final Set<String> executions = new HashSet<>();
        final List<String> rejections = new ArrayList<>();

        static ExchangeRecords read(Path journal) throws IOException {
            ExchangeRecords records = new ExchangeRecords();
            for (String line : Files.readAllLines(journal)) {
                Map<String, String> fields = fields(line);
                if (line.startsWith("NEW ") || line.startsWith("REJECTED ")) {
                    records.placed.merge(fields.get("cid"), 1, Integer::sum);
                    if (line.startsWith("REJECTED ")) {
                        records.rejections.add(line);
                    }
                } else if (line.startsWith("FILL ")) {
                    records.executions.add(fields.get("exec"));
                }
            }
            return records;
        }

        private static Map<String, String> fields(String line) {
            Map<String, String> fields = new HashMap<>();
            for (String part : line.split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            return fields;
        }
    }
}
