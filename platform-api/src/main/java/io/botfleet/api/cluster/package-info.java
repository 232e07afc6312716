/**
 * Several nodes, one fleet: the cluster's configuration ({@link ClusterSettings}), the nodes and
 * bot leases kept in the shared PostgreSQL database ({@link ClusterStore}), and what they look like
 * ({@link ClusterNode}, {@link BotLease}). A node runs a bot only while it holds the bot's lease;
 * every journal write of the bot checks the lease's epoch in its own transaction
 * ({@link LeaseLostException} when it is no longer this node's).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.botfleet.api.cluster;
