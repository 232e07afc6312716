package io.botfleet.runtime.cluster;

import io.botfleet.api.cluster.ClusterSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of {@code etc/io.botfleet.cluster.cfg} (PID {@value ClusterSettings#PID}), read by
 * {@link ClusterSettings#read}. Declared here for the metatype (and so for the check of unknown
 * keys); the persistence bundle reads {@code enabled} and {@code nodeId} too, at its start.
 */
@ObjectClassDefinition(name = "Botfleet cluster",
        description = "Several nodes, one fleet, on one PostgreSQL database. Read at start: a change needs a restart.")
public @interface ClusterConfig {

    @AttributeDefinition(description = "Cluster mode (PostgreSQL only; refused on H2). Off: one server owns "
            + "its database alone")
    boolean enabled() default false;

    @AttributeDefinition(required = false, description = "This node's id, unique in the cluster. Empty: host name "
            + "and HTTP port (host:8080)")
    String nodeId() default "";

    @AttributeDefinition(required = false, description = "The URL of this node's API as other nodes and operators "
            + "reach it: requests about the bots it runs are forwarded here (shown in GET /api/v1/cluster/nodes). "
            + "Empty: http://<HTTP bind address, or host name when it binds to every interface>:<HTTP port>")
    String advertisedUrl() default "";

    @AttributeDefinition(min = "2", description = "Seconds a bot lease lasts without renewal: a node that stops "
            + "renewing loses its bots to the others after this long")
    int leaseSeconds() default ClusterSettings.DEFAULT_LEASE_SECONDS;

    @AttributeDefinition(min = "1", description = "Seconds between two rounds: heartbeat, one renewal of every "
            + "lease, taking bots whose lease expired. At most half of leaseSeconds")
    int renewSeconds() default ClusterSettings.DEFAULT_RENEW_SECONDS;

    @AttributeDefinition(required = false, description = "The most bots this node runs. Empty: no limit")
    String maxBots() default "";
}
