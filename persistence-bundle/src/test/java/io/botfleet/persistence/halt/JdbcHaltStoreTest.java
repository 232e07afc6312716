package io.botfleet.persistence.halt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.Halt;
import io.botfleet.persistence.testing.StoreTestBase;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class JdbcHaltStoreTest extends StoreTestBase {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    public void haltsOfEachScopeSurviveAReopen() {
        Halt fleet = new Halt(null, null, false, "exchange incident", "ops", T0);
        Halt account = new Halt("bybit", "main", true, "", "ops", T0.plusSeconds(1));
        Halt exchange = new Halt("paper", null, false, "x", "shell", T0.plusSeconds(2));
        stores.halts().put(fleet);
        stores.halts().put(account);
        stores.halts().put(exchange);

        reopen();
        assertEquals(List.of(fleet, account, exchange), stores.halts().list());
    }

    @Test
    public void aHaltReplacesTheOneOfItsScopeOnly() {
        stores.halts().put(new Halt("bybit", "main", false, "first", "ops", T0));
        stores.halts().put(new Halt("bybit", null, false, "other scope", "ops", T0));
        Halt again = new Halt("bybit", "main", true, "second", "ops", T0.plusSeconds(5));
        stores.halts().put(again);

        List<Halt> halts = stores.halts().list();
        assertEquals(2, halts.size());
        assertTrue(halts.contains(again));
    }

    @Test
    public void removeTakesExactlyItsScope() {
        stores.halts().put(new Halt(null, null, false, "", "ops", T0));
        stores.halts().put(new Halt("bybit", "main", false, "", "ops", T0));

        assertFalse("no halt of exchange bybit as a whole", stores.halts().remove("bybit", null));
        assertTrue(stores.halts().remove("bybit", "main"));
        assertFalse(stores.halts().remove("bybit", "main"));
        assertEquals(1, stores.halts().list().size());
        assertTrue(stores.halts().remove(null, null));
        assertTrue(stores.halts().list().isEmpty());
    }
}
