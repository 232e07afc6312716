package io.botfleet.persistence.stores;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.Deployment;
import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.Role;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.persistence.testing.Fixtures;
import io.botfleet.persistence.testing.StoreTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** Tokens, audit log, deployments and installation values. */
public class SmallStoresTest extends StoreTestBase {

    @Test
    public void tokensAreFoundByHashAndRevoked() {
        ApiToken ci = new ApiToken("ci", Role.OPERATOR, "hash-1", Fixtures.T0);
        stores.tokens().create(ci);
        stores.tokens().create(new ApiToken("admin", Role.ADMIN, "hash-2", Fixtures.T0));
        assertThrows(StoreConflictException.class,
                () -> stores.tokens().create(new ApiToken("ci", Role.VIEWER, "hash-3", Fixtures.T0)));
        assertThrows(StoreConflictException.class,
                () -> stores.tokens().create(new ApiToken("other", Role.VIEWER, "hash-1", Fixtures.T0)));

        reopen();
        assertEquals(ci, stores.tokens().findByHash("hash-1").orElseThrow());
        assertEquals(List.of("admin", "ci"), stores.tokens().list().stream().map(ApiToken::name).toList());
        assertTrue(stores.tokens().revoke("ci"));
        assertFalse(stores.tokens().revoke("ci"));
        assertTrue(stores.tokens().findByHash("hash-1").isEmpty());
        // the name is free again
        stores.tokens().create(new ApiToken("ci", Role.VIEWER, "hash-4", Fixtures.T0));
    }

    @Test
    public void tokenWithAnUnknownRoleGrantsNothing() throws Exception {
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO api_tokens (name, role, token_hash, created_at) "
                    + "VALUES ('old', 'SUPERUSER', 'hash-x', CURRENT_TIMESTAMP)");
        }
        assertTrue(stores.tokens().findByHash("hash-x").isEmpty());
        assertTrue(stores.tokens().list().isEmpty());
    }

    @Test
    public void auditLogListsNewestFirstByTarget() {
        for (int i = 0; i < 5; i++) {
            stores.audit().append(new AuditEntry(Fixtures.T0.plusSeconds(i), "ci", "POST /api/v1/bots/{id}/start",
                    i % 2 == 0 ? "btc-1" : "eth-1", "200", "call " + i));
        }
        stores.audit().append(new AuditEntry(Fixtures.T0, "x".repeat(300), "a".repeat(400), null, "200", null));
        List<AuditEntry> btc = stores.audit().list("btc-1", 10);
        assertEquals(List.of("call 4", "call 2", "call 0"), btc.stream().map(AuditEntry::detail).toList());
        assertEquals(2, stores.audit().list(null, 2).size());
        assertEquals(6, stores.audit().list(null, 100).size());
        assertEquals(128, stores.audit().list("", 1).get(0).actor().length());
    }

    @Test
    public void deploymentsAndBadVersions() {
        Deployment first = new Deployment("btc-1", "sma-crossover", null, "1.0.0", Fixtures.T0, "system",
                Deployment.Kind.REBIND, Deployment.OK, null);
        Deployment upgrade = new Deployment("btc-1", "sma-crossover", "1.0.0", "1.1.0", Fixtures.T0.plusSeconds(5),
                "ci", Deployment.Kind.UPGRADE, Deployment.FAILED, "restore failed: missing key");
        stores.deployments().record(first);
        stores.deployments().record(upgrade);
        assertEquals(List.of(upgrade, first), stores.deployments().history("btc-1"));
        assertTrue(stores.deployments().history("eth-1").isEmpty());

        stores.deployments().markBad("sma-crossover", "1.1.0", "3 exceptions in 10 events");
        stores.deployments().markBad("sma-crossover", "1.1.0", "again");
        stores.deployments().markBad("sma-crossover", "1.2.0", null);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("1.1.0", "again");
        expected.put("1.2.0", "");
        assertEquals(expected, stores.deployments().badVersions("sma-crossover"));
        stores.deployments().clearBad("sma-crossover", "1.1.0");
        assertEquals(Set.of("1.2.0"), stores.deployments().badVersions("sma-crossover").keySet());

        assertThrows(IllegalArgumentException.class, () -> stores.deployments().markBad("sma", "", "x"));
        assertThrows(IllegalArgumentException.class, () -> stores.deployments().record(new Deployment("btc-1",
                "sma-crossover", null, "v".repeat(200), Fixtures.T0, "ci", Deployment.Kind.UPGRADE, "OK", null)));
    }

    @Test
    public void aMoveToAnotherStrategyKeepsBothIdsAndParameters() {
        Map<String, Object> smaParams = new LinkedHashMap<>();
        smaParams.put("fast", 5);
        smaParams.put("slow", 20);
        Map<String, Object> rsiParams = Map.of("period", 14, "lower", new BigDecimal("30.5"));
        Deployment move = new Deployment("btc-1", "sma-crossover", "rsi-reversion", "1.0.0", "1.0.0", smaParams,
                rsiParams, Fixtures.T0, "ci", Deployment.Kind.MOVE, Deployment.OK, null);
        Deployment older = new Deployment("btc-1", "sma-crossover", "1.0.0", "1.1.0", Fixtures.T0.minusSeconds(5),
                "ci", Deployment.Kind.UPGRADE, Deployment.OK, null);
        stores.deployments().record(older);
        stores.deployments().record(move);
        List<Deployment> history = stores.deployments().history("btc-1");
        assertEquals(List.of(move, older), history);
        assertTrue(history.get(0).changedStrategy());
        assertEquals("rsi-reversion", history.get(0).strategyId());
        assertEquals("sma-crossover", history.get(1).fromStrategyId());
        assertFalse(history.get(1).changedStrategy());
        assertEquals(null, history.get(1).toParams());
    }

    @Test
    public void concurrentGetOrCreateAllSeeOneValue() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String mine = "value-" + i;
            answers.add(pool.submit(() -> {
                start.await();
                return stores.installation().getOrCreate("installation.id", mine);
            }));
        }
        start.countDown();
        Set<String> seen = new HashSet<>();
        for (Future<String> answer : answers) {
            seen.add(answer.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(seen.toString(), 1, seen.size());
        reopen();
        assertEquals(seen.iterator().next(), stores.installation().get("installation.id").orElseThrow());
        assertEquals(seen.iterator().next(), stores.installation().getOrCreate("installation.id", "later"));
        assertTrue(stores.installation().get("nothing").isEmpty());
    }

    @Test
    public void aValueCanBeRemovedForGood() {
        stores.installation().getOrCreate("secret", "s3cr3t");
        assertTrue(stores.installation().remove("secret"));
        assertTrue(stores.installation().get("secret").isEmpty());
        assertFalse(stores.installation().remove("secret"));
        reopen();
        assertTrue(stores.installation().get("secret").isEmpty());
    }
}
