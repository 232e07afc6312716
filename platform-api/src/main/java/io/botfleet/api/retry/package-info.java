/**
 * Waiting between attempts: the backoff policy retries, reconnects and restarts share, so an
 * adapter bundle waits exactly as the runtime does without a copy of its own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.botfleet.api.retry;
