-- Version 6: backtests. A backtest row holds the request (its JSON form), its state and progress;
-- each run that ended is one backtest_runs row (its report as JSON, its equity curve downsampled
-- to at most 2,000 points as "epochMillis,equity" lines) written with its fills and trades in one
-- transaction. Deleting a backtest deletes everything of it.

CREATE TABLE backtests (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    state         VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    actor         VARCHAR(128) NOT NULL,
    request       TEXT         NOT NULL,
    runs          INT          NOT NULL,
    runs_done     INT          NOT NULL,
    candles       BIGINT       NOT NULL,
    candles_done  BIGINT       NOT NULL,
    error         TEXT
);
CREATE INDEX backtests_created_ix ON backtests (created_at);

CREATE TABLE backtest_runs (
    backtest_id   VARCHAR(36)  NOT NULL REFERENCES backtests (id) ON DELETE CASCADE,
    n             INT          NOT NULL,
    strategy_id   VARCHAR(255) NOT NULL,
    version       VARCHAR(64)  NOT NULL,
    params        TEXT         NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    error         TEXT,
    report        TEXT         NOT NULL,
    equity        TEXT         NOT NULL,
    PRIMARY KEY (backtest_id, n)
);

CREATE TABLE backtest_fills (
    backtest_id   VARCHAR(36)  NOT NULL,
    n             INT          NOT NULL,
    seq           INT          NOT NULL,
    side          VARCHAR(4)   NOT NULL,
    qty           VARCHAR(80)  NOT NULL,
    price         VARCHAR(80)  NOT NULL,
    fee           VARCHAR(80)  NOT NULL,
    fee_currency  VARCHAR(32)  NOT NULL,
    fill_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    candle_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (backtest_id, n, seq),
    FOREIGN KEY (backtest_id, n) REFERENCES backtest_runs (backtest_id, n) ON DELETE CASCADE
);

CREATE TABLE backtest_trades (
    backtest_id   VARCHAR(36)  NOT NULL,
    n             INT          NOT NULL,
    seq           INT          NOT NULL,
    direction     VARCHAR(5)   NOT NULL,
    entry_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    exit_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    qty           VARCHAR(80)  NOT NULL,
    entry_price   VARCHAR(80)  NOT NULL,
    exit_price    VARCHAR(80)  NOT NULL,
    pnl           VARCHAR(80)  NOT NULL,
    fees          VARCHAR(80)  NOT NULL,
    fills         INT          NOT NULL,
    PRIMARY KEY (backtest_id, n, seq),
    FOREIGN KEY (backtest_id, n) REFERENCES backtest_runs (backtest_id, n) ON DELETE CASCADE
);
