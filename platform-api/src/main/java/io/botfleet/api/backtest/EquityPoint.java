package io.botfleet.api.backtest;

import java.math.BigDecimal;
import java.time.Instant;

/** Equity at one instant of a run: the quote balance plus the base position marked at the close. */
public record EquityPoint(Instant time, BigDecimal equity) {
}
