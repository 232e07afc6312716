package io.botfleet.persistence.migrate;

import java.util.List;

/**
 * The schema versions this bundle knows, oldest first. Add a migration by adding a resource and a
 * line here; never edit one that has shipped.
 */
public final class Migrations {

    private static final List<Migration> ALL = List.of(
            new Migration(1, "initial schema", "V1__initial_schema.sql"),
            new Migration(2, "order status history", "V2__order_status_history.sql"),
            new Migration(3, "database owner", "V3__database_owner.sql"),
            new Migration(4, "notification outbox", "V4__notification_outbox.sql"),
            new Migration(5, "halts", "V5__halts.sql"),
            new Migration(6, "strategy moves", "V6__strategy_moves.sql"),
            new Migration(7, "cluster nodes and bot leases", "V7__cluster.sql"),
            new Migration(8, "backtests", "V8__backtests.sql"),
            new Migration(9, "cluster draining and balancing", "V9__cluster_balancing.sql"),
            new Migration(10, "backtest result pages", "V10__backtest_result_pages.sql"));

    private Migrations() {
    }

    public static List<Migration> all() {
        return ALL;
    }

    public static int latestVersion() {
        return ALL.get(ALL.size() - 1).version();
    }
}
