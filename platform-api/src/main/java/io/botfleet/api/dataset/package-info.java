/**
 * Candle datasets: history kept by the server under {@code data/candles} for backtests, keyed
 * {@code {exchange}/{symbol}/{interval}}, filled by CSV uploads and by downloads from an exchange
 * account's candle history. The backtest bundle provides {@link io.botfleet.api.dataset.CandleDatasetService};
 * the HTTP face consumes it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.botfleet.api.dataset;
