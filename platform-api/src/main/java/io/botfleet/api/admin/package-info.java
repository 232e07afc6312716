/**
 * Management of a running installation: what the control API, the shell and the metrics read
 * and change beyond single bots (the strategy catalog, bundle deployment, the exchange accounts
 * as the runtime sees them, fleet-wide swaps and processing figures, health check names). The
 * engine provides these services; the HTTP face consumes them and nothing of the engine else.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.botfleet.api.admin;
