/**
 * The strategy contract: what a strategy bundle implements and what the runtime offers it
 * while it runs. Strategies import only {@code io.botfleet.api.*}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.botfleet.api.strategy;
