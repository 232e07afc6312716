package io.botfleet.api.backtest;

/**
 * Something a backtest names does not exist: the backtest or run asked for, or the strategy, a
 * version of it or the dataset a request names. The message names it.
 */
public class BacktestNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BacktestNotFoundException(String message) {
        super(message);
    }
}
