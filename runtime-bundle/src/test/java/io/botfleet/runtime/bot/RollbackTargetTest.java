package io.botfleet.runtime.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RollbackTargetTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, Object> SMA = Map.of("fast", 5, "slow", 20);
    private static final Map<String, Object> RSI = Map.of("period", 14);

    private static Deployment move(String from, String to, String fromVersion, String toVersion,
                                   Map<String, Object> fromParams, Map<String, Object> toParams, String outcome,
                                   int second) {
        return new Deployment("b", from, to, fromVersion, toVersion, fromParams, toParams, T0.plusSeconds(second),
                "ci", Deployment.Kind.MOVE, outcome, null);
    }

    @Test
    public void afterAMoveTheRollbackGoesToTheStrategyVersionAndParametersBefore() {
        List<Deployment> history = List.of(
                move("sma-crossover", "rsi-reversion", "1.1.0", "1.0.0", SMA, RSI, Deployment.OK, 2),
                new Deployment("b", "sma-crossover", "1.0.0", "1.1.0", T0.plusSeconds(1), "ci",
                        Deployment.Kind.UPGRADE, Deployment.OK, null));
        RollbackTarget target = RollbackTarget.find(history, "rsi-reversion", "1.0.0", RSI).orElseThrow();
        assertEquals(new RollbackTarget("sma-crossover", "1.1.0", SMA), target);
        assertTrue(target.movesFrom("rsi-reversion"));
    }

    @Test
    public void aFailedMoveIsNotWhereTheBotCameFrom() {
        List<Deployment> history = List.of(
                move("sma-crossover", "rsi-reversion", "1.0.0", "1.0.0", SMA, RSI, Deployment.FAILED, 3),
                new Deployment("b", "sma-crossover", "1.0.0", "1.1.0", T0.plusSeconds(1), "ci",
                        Deployment.Kind.UPGRADE, Deployment.OK, null));
        assertTrue(RollbackTarget.find(history, "sma-crossover", "1.0.0", SMA).isEmpty());
        RollbackTarget versionBack = RollbackTarget.find(history, "sma-crossover", "1.1.0", SMA).orElseThrow();
        assertEquals(new RollbackTarget("sma-crossover", "1.0.0", SMA), versionBack);
        assertFalse(versionBack.movesFrom("sma-crossover"));
    }

    @Test
    public void rowsWithoutParametersKeepTheBotsOwn() {
        List<Deployment> history = List.of(new Deployment("b", "sma-crossover", "1.0.0", "1.1.0", T0, "ci",
                Deployment.Kind.UPGRADE, Deployment.OK, null));
        Map<String, Object> now = Map.of("fast", 7, "slow", 25);
        assertEquals(now, RollbackTarget.find(history, "sma-crossover", "1.1.0", now).orElseThrow().params());
    }

    @Test
    public void theFirstBindingHasNothingToRollBackTo() {
        List<Deployment> history = List.of(new Deployment("b", "sma-crossover", null, "1.0.0", T0, "system",
                Deployment.Kind.REBIND, Deployment.OK, null));
        assertTrue(RollbackTarget.find(history, "sma-crossover", "1.0.0", SMA).isEmpty());
    }
}
