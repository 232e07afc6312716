package io.botfleet.persistence.notify;

import static io.botfleet.persistence.testing.Fixtures.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.notify.NotificationTypes;
import io.botfleet.api.store.DeliveryCursor;
import io.botfleet.api.store.OutboxCount;
import io.botfleet.api.store.OutboxMessage;
import io.botfleet.persistence.testing.Fixtures;
import io.botfleet.persistence.testing.StoreTestBase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

@RunWith(Parameterized.class)
public class JdbcNotificationOutboxTest extends StoreTestBase {

    @Test
    public void journalEventsAndFillsReachTheOutboxWithTheirWrite() throws Exception {
        await(stores.journal().appendEvent(new BotEvent("btc-1", Fixtures.T0, BotEvent.Type.LIFECYCLE,
                BotEvent.Kind.BREAKER_OPENED, "SUSPENDED: exchange account bybit/main: circuit breaker OPEN")));
        await(stores.journal().appendEvent(new BotEvent("btc-1", Fixtures.T0, BotEvent.Type.AUDIT, "admin: stop")));
        await(stores.journal().appendEvent(new BotEvent("btc-1", Fixtures.T0, BotEvent.Type.ERROR, BotEvent.Kind.FAILED, "FAILED: boom")));
        BotOrder intent = Fixtures.intent("btc-1", "b1-1");
        await(stores.journal().commitCandle(Fixtures.progress("btc-1", 1, 2), List.of(intent)));
        await(stores.journal().applyFill(Fixtures.fill(intent, "x-1"), intent, Fixtures.progress("btc-1", 1, 2)));
        // a replayed fill writes nothing, so it is not notified twice
        await(stores.journal().applyFill(Fixtures.fill(intent, "x-1"), intent, Fixtures.progress("btc-1", 1, 2)));

        List<OutboxMessage> all = stores.notificationOutbox().after(0, 100);
        assertEquals(List.of(NotificationTypes.BREAKER, NotificationTypes.FAILED, NotificationTypes.FILL),
                all.stream().map(OutboxMessage::type).toList());
        assertTrue(all.get(0).seq() < all.get(1).seq() && all.get(1).seq() < all.get(2).seq());
        assertEquals("x-1", all.get(2).data().get("execId"));
        assertEquals("BREAKER_OPENED", all.get(0).data().get("kind"));
        assertNotEquals(all.get(0).deliveryId(), all.get(1).deliveryId());
        assertEquals(all.get(2).seq(), stores.notificationOutbox().lastSeq());
        assertEquals(Set.of(new OutboxCount(NotificationTypes.FAILED, "btc-1", 1),
                        new OutboxCount(NotificationTypes.FILL, "btc-1", 1)),
                Set.copyOf(stores.notificationOutbox().countAfter(all.get(0).seq())));
    }

    @Test
    public void cursorsAndAppendedMessagesSurviveAReopen() {
        OutboxMessage halt = stores.notificationOutbox().append(NotificationTypes.HALT, Fixtures.T0, null,
                "fleet halted", Map.of("exchange", "bybit", "flatten", true));
        stores.notificationOutbox().saveCursor(new DeliveryCursor("ops", halt.seq(), 1, 0, Fixtures.T0, null));
        stores.notificationOutbox().saveCursor(new DeliveryCursor("ops", halt.seq(), 2, 1, Fixtures.T0, "HTTP 500"));

        reopen();

        assertEquals(List.of(halt), stores.notificationOutbox().after(0, 10));
        assertEquals(new DeliveryCursor("ops", halt.seq(), 2, 1, Fixtures.T0, "HTTP 500"),
                stores.notificationOutbox().cursor("ops").orElseThrow());
        assertEquals(0, stores.notificationOutbox().prune(Fixtures.T0));
        assertEquals(1, stores.notificationOutbox().prune(Instant.parse("2200-01-01T00:00:00Z")));
        assertTrue(stores.notificationOutbox().after(0, 10).isEmpty());
    }
}
