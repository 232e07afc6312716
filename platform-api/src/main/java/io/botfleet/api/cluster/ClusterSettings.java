package io.botfleet.api.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The configuration PID {@value #PID} ({@code etc/io.botfleet.cluster.cfg}), read the same way by
 * every bundle that needs it (the persistence bundle decides at opening how it shares the
 * database, the runtime runs the node).
 *
 * @param enabled       cluster mode; off, a server owns its database alone, as always
 * @param nodeId        this node's id, unique in the cluster ({@code host:port} by default)
 * @param advertisedUrl the URL other nodes and operators reach this node's API at (empty: the
 *                      node's {@link #defaultAdvertisedUrl})
 * @param leaseSeconds  how long a bot lease lasts without renewal
 * @param renewSeconds  how often a node renews its leases and beats its heart
 * @param maxBots       the most bots this node runs, or empty for no limit
 */
public record ClusterSettings(boolean enabled, String nodeId, String advertisedUrl, int leaseSeconds,
                              int renewSeconds, OptionalInt maxBots) {

    public static final String PID = "io.botfleet.cluster";
    public static final int DEFAULT_LEASE_SECONDS = 10;
    public static final int DEFAULT_RENEW_SECONDS = 3;
    /** Longest node id: the {@code cluster_nodes} and {@code bot_leases} columns. */
    public static final int MAX_NODE_ID_LENGTH = 128;

    public ClusterSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(advertisedUrl, "advertisedUrl");
        Objects.requireNonNull(maxBots, "maxBots");
        if (nodeId.isBlank() || nodeId.length() > MAX_NODE_ID_LENGTH) {
            throw new IllegalArgumentException("nodeId must be 1 to " + MAX_NODE_ID_LENGTH + " characters, was '"
                    + nodeId + "'");
        }
        if (leaseSeconds < 2) {
            throw new IllegalArgumentException("leaseSeconds must be at least 2, was " + leaseSeconds);
        }
        if (renewSeconds < 1 || renewSeconds * 2 > leaseSeconds) {
            throw new IllegalArgumentException("renewSeconds must be at least 1 and at most half of leaseSeconds ("
                    + leaseSeconds + "), was " + renewSeconds + ": a lease must survive one missed renewal");
        }
        if (maxBots.isPresent() && maxBots.getAsInt() < 0) {
            throw new IllegalArgumentException("maxBots must be 0 or more, was " + maxBots.getAsInt());
        }
    }

    /** Cluster mode off: what a server runs with when {@value #PID} is absent. */
    public static ClusterSettings disabled(String defaultNodeId) {
        return new ClusterSettings(false, defaultNodeId, "", DEFAULT_LEASE_SECONDS, DEFAULT_RENEW_SECONDS,
                OptionalInt.empty());
    }

    /**
     * Reads the keys of {@value #PID} (values as ConfigAdmin hands them: strings from a
     * {@code .cfg} file, or typed values), with the defaults for absent or empty ones.
     *
     * @param defaultNodeId the node id when {@code nodeId} is not set: {@link #defaultNodeId}
     * @throws IllegalArgumentException naming the key when a value is not acceptable
     */
    public static ClusterSettings read(Map<String, ?> properties, String defaultNodeId) {
        boolean enabled = bool(properties, "enabled");
        String nodeId = text(properties, "nodeId");
        String url = text(properties, "advertisedUrl");
        int lease = integer(properties, "leaseSeconds", DEFAULT_LEASE_SECONDS);
        int renew = integer(properties, "renewSeconds", DEFAULT_RENEW_SECONDS);
        String maxBots = text(properties, "maxBots");
        OptionalInt max = maxBots.isEmpty() ? OptionalInt.empty() : OptionalInt.of(integer(properties, "maxBots", 0));
        return new ClusterSettings(enabled, nodeId.isEmpty() ? defaultNodeId : nodeId, url, lease, renew, max);
    }

    /** {@code host:port}: the host name and the HTTP port, unique per server on a network. */
    public static String defaultNodeId(String hostName, String httpPort) {
        String port = httpPort == null || httpPort.isBlank() ? "8080" : httpPort.trim();
        return (hostName == null || hostName.isBlank() ? "localhost" : hostName.trim()) + ":" + port;
    }

    /**
     * {@code http://host:port}, the URL other nodes reach this node's API at when
     * {@code advertisedUrl} is not set: the address HTTP binds to, or the host name when it binds
     * to every interface.
     *
     * @since 1.2
     */
    public static String defaultAdvertisedUrl(String bindHost, String hostName, String httpPort) {
        String bind = bindHost == null ? "" : bindHost.trim();
        String host = bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") ? hostName : bind;
        String port = httpPort == null || httpPort.isBlank() ? "8080" : httpPort.trim();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** This machine's host name ({@code HOSTNAME} when it cannot be resolved; else "localhost"). */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "localhost" : fromEnvironment;
        }
    }

    private static String text(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString().trim();
    }

    private static boolean bool(Map<String, ?> properties, String key) {
        String value = text(properties, key);
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
    }

    private static int integer(Map<String, ?> properties, String key, int absent) {
        String value = text(properties, key);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }
}
