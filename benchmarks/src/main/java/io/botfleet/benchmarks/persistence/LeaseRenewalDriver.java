package io.botfleet.benchmarks.persistence;

import io.botfleet.api.cluster.BotLease;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.cluster.JdbcClusterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a cluster node's lease round costs the database: one node holding {@code n} bot leases on
 * PostgreSQL renews them all in one statement ({@code renewAll}), as every node does every
 * {@code renewSeconds}; and what taking a lease costs ({@code acquire}, one per bot). Prints the
 * median and the slowest renewal per lease count and the time per 1,000 leases.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.botfleet.benchmarks.persistence.LeaseRenewalDriver &lt;postgresql url&gt; [counts] [rounds]</pre>
 *
 * {@code counts} as {@code 1000,3000,9000}. The leases are given up at the end.
 */
public final class LeaseRenewalDriver {

    private LeaseRenewalDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("usage: LeaseRenewalDriver <jdbc:postgresql:...> [counts] [rounds]");
        }
        int[] counts = Arrays.stream((args.length > 1 ? args[1] : "1000,3000,9000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        try (JdbcStores stores = JdbcStores.open(args[0], "", "", 4)) {
            JdbcClusterStore node = stores.fenceAsNode("lease-bench-" + ProcessHandle.current().pid(), 30);
            node.join("http://127.0.0.1:0", "bench");
            List<String> held = new ArrayList<>();
            try {
                for (int n : counts) {
                    long acquireStart = System.nanoTime();
                    int before = held.size();
                    while (held.size() < n) {
                        String id = "lease-bench-bot-" + held.size();
                        node.acquire(id).orElseThrow(() -> new IllegalStateException(id + " is another node's"));
                        held.add(id);
                    }
                    double acquireMicros = (System.nanoTime() - acquireStart) / 1e3 / Math.max(1, n - before);
                    long[] nanos = new long[rounds];
                    for (int r = 0; r < rounds; r++) {
                        long t0 = System.nanoTime();
                        Map<String, BotLease> renewed = node.renewAll();
                        nanos[r] = System.nanoTime() - t0;
                        if (renewed.size() != n) {
                            throw new IllegalStateException("renewed " + renewed.size() + " of " + n);
                        }
                    }
                    Arrays.sort(nanos);
                    System.out.printf("%,6d leases: renewAll median %7.2f ms (%.2f ms per 1,000), slowest %7.2f ms;"
                                    + " acquire %.0f µs each%n", n, nanos[rounds / 2] / 1e6,
                            nanos[rounds / 2] / 1e6 / (n / 1000.0), nanos[rounds - 1] / 1e6, acquireMicros);
                }
            } finally {
                held.forEach(node::release);
                node.leave();
            }
        }
    }
}
