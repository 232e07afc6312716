package io.botfleet.persistence.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.RiskLimits;
import io.botfleet.api.bot.json.BotConfigJson;
import io.botfleet.api.store.BotStore;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoredBot;
import io.botfleet.persistence.testing.Fixtures;
import io.botfleet.persistence.testing.StoreTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.Test;

public class JdbcBotStoreTest extends StoreTestBase {

    private BotStore bots() {
        return stores.botStore();
    }

    @Test
    public void createdBotReadsBackEqualAfterReopen() {
        BotConfig config = Fixtures.config("btc-1");
        StoredBot created = bots().create(config, DesiredState.RUNNING);
        assertEquals(1, created.version());
        assertTrue(created.isValid());

        reopen();

        StoredBot found = bots().find("btc-1").orElseThrow();
        assertEquals(config, found.config());
        assertEquals(created.key(), found.key());
        assertEquals(DesiredState.RUNNING, found.desiredState());
        assertNull(found.invalidReason());
        assertTrue(found.rawConfig().contains("\"interval\":\"1m\""));
        assertTrue(found.rawConfig().contains("\"orderQty\":\"0.01\""));
    }

    @Test
    public void duplicateIdIsAConflict() {
        bots().create(Fixtures.config("btc-1"), DesiredState.STOPPED);
        StoreConflictException e = assertThrows(StoreConflictException.class,
                () -> bots().create(Fixtures.config("btc-1"), DesiredState.RUNNING));
        assertTrue(e.getMessage(), e.getMessage().contains("btc-1"));
    }

    @Test
    public void staleVersionIsRefusedAndChangesNothing() {
        StoredBot v1 = bots().create(Fixtures.config("btc-1"), DesiredState.STOPPED);
        BotConfig changed = v1.config().withRisk(RiskLimits.ofOrderQty(new BigDecimal("0.02")));
        StoredBot v2 = bots().update(changed, v1.version());
        assertEquals(2, v2.version());
        assertEquals(changed, v2.config());

        BotConfig lost = v1.config().withRisk(RiskLimits.ofOrderQty(new BigDecimal("0.03")));
        StoreConflictException e = assertThrows(StoreConflictException.class, () -> bots().update(lost, 1));
        assertTrue(e.getMessage(), e.getMessage().contains("version 2"));
        assertEquals(changed, bots().find("btc-1").orElseThrow().config());
    }

    @Test
    public void updateOfUnknownBotIsAConflict() {
        assertThrows(StoreConflictException.class, () -> bots().update(Fixtures.config("nobody"), 1));
    }

    @Test
    public void desiredStateChangesBumpTheVersion() {
        bots().create(Fixtures.config("btc-1"), DesiredState.STOPPED);
        StoredBot running = bots().setDesiredState("btc-1", DesiredState.RUNNING).orElseThrow();
        assertEquals(DesiredState.RUNNING, running.desiredState());
        assertEquals(2, running.version());
        assertTrue(bots().setDesiredState("unknown", DesiredState.RUNNING).isEmpty());
    }

    @Test
    public void deleteIsSoftAndKeysAreNeverReused() {
        long first = bots().create(Fixtures.config("btc-1"), DesiredState.STOPPED).key();
        long other = bots().create(Fixtures.config("eth-1"), DesiredState.STOPPED).key();
        assertTrue(bots().delete("btc-1"));
        assertFalse(bots().delete("btc-1"));
        assertTrue(bots().find("btc-1").isEmpty());
        assertEquals(List.of("eth-1"), bots().list().stream().map(StoredBot::id).toList());

        reopen();
        long again = bots().create(Fixtures.config("btc-1"), DesiredState.STOPPED).key();
        assertNotEquals(first, again);
        assertTrue("keys grow: " + first + ", " + other + ", " + again, again > other);
    }

    @Test
    public void listReportsInvalidStoredConfigsAndStillLoadsTheOthers() throws Exception {
        bots().create(Fixtures.config("good-1"), DesiredState.RUNNING);
        bots().create(Fixtures.config("good-2"), DesiredState.PAUSED);
        insertRaw("broken-json", "{\"id\": \"broken-json\", \"strategy\": ", "RUNNING");
        insertRaw("bad-qty", "{\"id\":\"bad-qty\","
                + "\"strategy\":{\"id\":\"sma-crossover\"},\"exchange\":{\"id\":\"paper\",\"account\":\"default\"},"
                + "\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"risk\":{\"orderQty\":\"-1\"}}", "RUNNING");
        insertRaw("old-interval", "{\"id\":\"old-interval\",\"strategy\":{\"id\":\"sma-crossover\"},"
                + "\"exchange\":{\"id\":\"paper\",\"account\":\"default\"},\"symbol\":\"BTCUSDT\","
                + "\"interval\":\"7m\",\"risk\":{\"orderQty\":\"0.01\"}}", "RUNNING");
        insertRaw("odd-state", BotConfigJson.write(Fixtures.config("odd-state")), "SLEEPING");

        List<StoredBot> all = bots().list();
        assertEquals(List.of("bad-qty", "broken-json", "good-1", "good-2", "odd-state", "old-interval"),
                all.stream().map(StoredBot::id).toList());
        StoredBot badQty = all.get(0);
        assertFalse(badQty.isValid());
        assertTrue(badQty.invalidReason(), badQty.invalidReason().contains("risk.orderQty"));
        assertTrue(all.get(1).invalidReason(), all.get(1).invalidReason().contains("not JSON"));
        assertTrue(all.get(2).isValid());
        assertTrue(all.get(4).invalidReason(), all.get(4).invalidReason().contains("SLEEPING"));
        assertTrue(all.get(5).invalidReason(), all.get(5).invalidReason().contains("7m"));
        assertEquals("{\"id\": \"broken-json\", \"strategy\": ", all.get(1).rawConfig());
    }

    private void insertRaw(String id, String json, String desiredState) throws Exception {
        try (Connection c = target.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO bots "
                + "(bot_id, live_id, config, desired_state, row_version, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 1, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, id);
            st.setString(3, json);
            st.setString(4, desiredState);
            st.setObject(5, OffsetDateTime.now());
            st.setObject(6, OffsetDateTime.now());
            st.executeUpdate();
        }
    }
}
