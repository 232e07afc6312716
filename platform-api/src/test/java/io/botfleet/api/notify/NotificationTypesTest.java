package io.botfleet.api.notify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotEvent.Kind;
import io.botfleet.api.bot.BotEvent.Type;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

public class NotificationTypesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    public void everyKindHasItsNotificationType() {
        Map<Kind, String> expected = new EnumMap<>(Kind.class);
        expected.put(Kind.STATE, NotificationTypes.LIFECYCLE);
        expected.put(Kind.SUSPENDED, NotificationTypes.SUSPENDED);
        expected.put(Kind.BREAKER_OPENED, NotificationTypes.BREAKER);
        expected.put(Kind.BREAKER_CLOSED, NotificationTypes.BREAKER);
        expected.put(Kind.FAILED, NotificationTypes.FAILED);
        expected.put(Kind.ORDER_REJECTED, NotificationTypes.ORDER_REJECTED);
        expected.put(Kind.UNRESOLVED_ORDER, NotificationTypes.UNRESOLVED_ORDER);
        expected.put(Kind.SWAP, NotificationTypes.SWAP);
        expected.put(Kind.RISK_REFUSED, NotificationTypes.RISK);
        expected.put(Kind.FEED_STALE, NotificationTypes.STALE);
        expected.put(Kind.FEED_LIVE, NotificationTypes.STALE);
        expected.put(Kind.HALT, NotificationTypes.HALT);
        for (Kind kind : Kind.values()) {
            assertEquals(kind.name(), Optional.ofNullable(expected.get(kind)), NotificationTypes.of(kind));
        }
        assertEquals(Optional.empty(), NotificationTypes.of(Kind.NOTE));
        // every type a target can subscribe to that a bot event can be, is one
        Set<String> reached = new TreeSet<>(expected.values());
        Set<String> notFromBotEvents = new TreeSet<>(NotificationTypes.ALL);
        notFromBotEvents.removeAll(reached);
        assertEquals(Set.of(NotificationTypes.FILL, NotificationTypes.BACKTEST), notFromBotEvents);
    }

    @Test
    public void theKindDecidesNotTheWording() {
        // worded like a breaker's suspension and a failure, but recorded as plain notes
        assertEquals(Optional.of(NotificationTypes.LIFECYCLE), NotificationTypes.of(
                new BotEvent("b", T, Type.LIFECYCLE, Kind.STATE, "SUSPENDED: circuit breaker OPEN")));
        assertEquals(Optional.empty(), NotificationTypes.of(
                new BotEvent("b", T, Type.ERROR, Kind.NOTE, "FAILED: looks like a failure")));
        assertEquals(Optional.of(NotificationTypes.BREAKER), NotificationTypes.of(
                new BotEvent("b", T, Type.LIFECYCLE, Kind.BREAKER_OPENED, "waiting")));
        assertEquals(Optional.of(NotificationTypes.STALE), NotificationTypes.of(
                new BotEvent("b", T, Type.WARNING, Kind.FEED_LIVE, "back")));
    }

    @Test
    public void anEventWithoutAKindHasItsTypesTypicalOne() {
        Map<Type, Kind> typical = Map.of(Type.LIFECYCLE, Kind.STATE, Type.SWAP, Kind.SWAP,
                Type.RISK, Kind.RISK_REFUSED, Type.ORDER, Kind.ORDER_REJECTED, Type.HALT, Kind.HALT,
                Type.ERROR, Kind.NOTE, Type.RECOVERY, Kind.NOTE, Type.AUDIT, Kind.NOTE, Type.WARNING, Kind.NOTE);
        for (Type type : Type.values()) {
            assertEquals(type.name(), typical.get(type), new BotEvent("b", T, type, "m").kind());
        }
        assertTrue(NotificationTypes.of(new BotEvent("b", T, Type.AUDIT, "admin: stop")).isEmpty());
    }
}
