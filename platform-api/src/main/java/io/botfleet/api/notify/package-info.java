/**
 * Notifications: the types of events operators can be told about, the hook that publishes events
 * recorded outside the bots' journal, and the targets' status as the control API shows it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.botfleet.api.notify;
