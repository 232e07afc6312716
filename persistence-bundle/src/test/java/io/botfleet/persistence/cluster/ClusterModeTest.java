package io.botfleet.persistence.cluster;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.db.DatabaseSettings;
import io.botfleet.persistence.owner.DatabaseOwnedException;
import io.botfleet.persistence.owner.OwnerRecord;
import io.botfleet.persistence.testing.StoreTestBase;
import org.junit.Test;

/**
 * How cluster nodes share a database: refused on H2, together on PostgreSQL, never together with a
 * single-mode server (either way round).
 */
public class ClusterModeTest extends StoreTestBase {

    @Test
    public void clusterModeOnH2IsRefusedSayingWhy() {
        if (!target.isH2()) {
            return; // the PostgreSQL side: the tests below
        }
        try (JdbcStores node = JdbcStores.openAsClusterNode(settings(), OwnerRecord.thisProcess(OwnerRecord.CLUSTER),
                "node-a", 10)) {
            fail("cluster mode opened an H2 database: " + node.describe());
        } catch (DatabaseOwnedException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("cluster mode needs PostgreSQL, but database jdbc:h2:"));
            assertTrue(e.getMessage(), e.getMessage().contains("or enabled=false in io.botfleet.cluster"));
        }
    }

    @Test
    public void nodesShareTheDatabaseAndASingleServerIsRefusedWhileTheyRun() {
        if (target.isH2()) {
            return;
        }
        try (JdbcStores a = node("node-a"); JdbcStores b = node("node-b")) {
            assertEquals("node-b", b.cluster().nodeId());
            try (JdbcStores single = JdbcStores.openAsOwner(settings(), OwnerRecord.thisProcess())) {
                fail("a single-mode server opened a database its cluster nodes share");
            } catch (DatabaseOwnedException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("is shared by the nodes of a Botfleet cluster"));
            }
        }
        // every node gone: the database is recorded for cluster mode, which a single server refuses
        try (JdbcStores single = JdbcStores.openAsOwner(settings(), OwnerRecord.thisProcess())) {
            fail("a single-mode server opened a cluster's database");
        } catch (DatabaseOwnedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is recorded for mode 'cluster'"));
        }
    }

    @Test
    public void aNodeIsRefusedWhileASingleServerOwnsTheDatabaseAndJoinsOnceItIsGone() {
        if (target.isH2()) {
            return;
        }
        try (JdbcStores single = JdbcStores.openAsOwner(settings(), OwnerRecord.thisProcess())) {
            try (JdbcStores a = node("node-a")) {
                fail("a cluster node opened a database a single-mode server owns");
            } catch (DatabaseOwnedException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("is owned by another Botfleet server"));
            }
        }
        try (JdbcStores a = node("node-a")) {
            assertEquals("node-a", a.cluster().nodeId()); // a database a single server used joins a cluster
        }
    }

    private JdbcStores node(String id) {
        return JdbcStores.openAsClusterNode(settings(), OwnerRecord.thisProcess(OwnerRecord.CLUSTER), id, 10);
    }

    private DatabaseSettings settings() {
        return new DatabaseSettings(target.url(), "", "", 4, 1);
    }
}
