/**
 * The one JSON form of backtests (docs/api.md): the request, the {@code Backtest}, a run's
 * report, fills, trades and equity points; read and written alike by the control API and the
 * store.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.botfleet.api.backtest.json;
