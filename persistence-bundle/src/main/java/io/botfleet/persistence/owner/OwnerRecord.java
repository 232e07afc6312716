package io.botfleet.persistence.owner;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Who owns a database: the row {@code database_owner} and, for H2, the file beside the database.
 *
 * @param mode        {@link #SINGLE} for one server owning the database; a cluster writes another
 * @param instance    random per opening of the stores, so that a server recognises its own row
 * @param host        host name of the owner
 * @param pid         process id of the owner
 * @param startedAt   when the owner's process started
 * @param lockBackend PostgreSQL backend process id of the session holding the lock, else null
 */
public record OwnerRecord(String mode, String instance, String host, long pid, Instant startedAt,
                          Long lockBackend) {

    /** A server that owns its database alone (outside cluster mode). */
    public static final String SINGLE = "single";

    /** A node of a cluster: many share the database, each running the bots it holds leases of. */
    public static final String CLUSTER = "cluster";

    /** This process as a single-node owner, with a new instance id. */
    public static OwnerRecord thisProcess() {
        return thisProcess(SINGLE);
    }

    /** This process in {@code mode} ({@link #SINGLE} or {@link #CLUSTER}), with a new instance id. */
    public static OwnerRecord thisProcess(String mode) {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.MICROS);
        return new OwnerRecord(mode, UUID.randomUUID().toString(), hostName(), self.pid(), started, null);
    }

    /** Whether this record is of a cluster node. */
    public boolean isCluster() {
        return CLUSTER.equals(mode);
    }

    OwnerRecord withLockBackend(Long backend) {
        return new OwnerRecord(mode, instance, host, pid, startedAt, backend);
    }

    boolean sameInstance(OwnerRecord other) {
        return other != null && instance.equals(other.instance);
    }

    /** {@code host h, pid 123, started 2026-12-07T09:00:00Z}, for one-line messages. */
    public String describe() {
        return "host " + host + ", pid " + pid + ", started " + startedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "unknown" : fromEnvironment;
        }
    }
}
