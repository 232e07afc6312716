/**
 * Market data: candles, intervals and instrument trading rules. Every type here is an
 * immutable value, safe to share between threads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.botfleet.api.market;
