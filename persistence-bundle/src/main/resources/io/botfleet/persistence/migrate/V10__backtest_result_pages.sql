-- Version 10: a backtest run's fills and trades are kept in pages of up to 1,000 (one row per page:
-- its items as text lines in body) instead of one row each. A 100-run sweep stores about 2.8 M
-- fills and trades: as rows, writing them took most of the sweep's time; as pages it is some 2,800
-- rows. A page holds items seq first_seq .. first_seq + items - 1 of its run, in order.
--
-- The row tables of version 8 stay, read only: runs stored before this version keep their fills
-- and trades there (a run has pages or rows, never both), and deleting a backtest still cascades
-- to them. Nothing stored is lost by the upgrade.

CREATE TABLE backtest_fill_pages (
    backtest_id   VARCHAR(36)  NOT NULL,
    n             INT          NOT NULL,
    page_no       INT          NOT NULL,
    first_seq     INT          NOT NULL,
    items         INT          NOT NULL,
    body          TEXT         NOT NULL,
    PRIMARY KEY (backtest_id, n, page_no),
    FOREIGN KEY (backtest_id, n) REFERENCES backtest_runs (backtest_id, n) ON DELETE CASCADE
);

CREATE TABLE backtest_trade_pages (
    backtest_id   VARCHAR(36)  NOT NULL,
    n             INT          NOT NULL,
    page_no       INT          NOT NULL,
    first_seq     INT          NOT NULL,
    items         INT          NOT NULL,
    body          TEXT         NOT NULL,
    PRIMARY KEY (backtest_id, n, page_no),
    FOREIGN KEY (backtest_id, n) REFERENCES backtest_runs (backtest_id, n) ON DELETE CASCADE
);
