package io.botfleet.runtime.bot;

import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.Position;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class RecoveredTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    public void aCheckpointAtOrBehindTheCommittedProgressIsRestored() {
        StrategyCheckpoint behind = checkpoint(T.minusSeconds(600));
        StrategyCheckpoint same = checkpoint(T);
        assertSame(behind, recovered(T, behind).restorableCheckpoint());
        assertSame(same, recovered(T, same).restorableCheckpoint());
    }

    @Test
    public void aCheckpointAheadOfTheCommittedProgressIsNot() {
        // the candle commits before it failed in an outage, the checkpoint after them did not
        assertNull(recovered(T, checkpoint(T.plusSeconds(60))).restorableCheckpoint());
        assertNull(recovered(null, checkpoint(T)).restorableCheckpoint());
        assertNull(recovered(T, null).restorableCheckpoint());
    }

    private static Recovered recovered(Instant progressUpTo, StrategyCheckpoint checkpoint) {
        BotProgress progress = new BotProgress("b", progressUpTo, BotCounters.ZERO, Position.FLAT, 1, Map.of());
        return new Recovered(progress, checkpoint, List.of(), Set.of());
    }

    private static StrategyCheckpoint checkpoint(Instant upTo) {
        return new StrategyCheckpoint("b", "sma-crossover", "1.0.0", upTo, Map.of("fast", 1), T);
    }
}
