-- Version 6 is reserved for the backtest runs' tables, developed beside the cluster tables (7);
-- when both are merged this placeholder gives way to that migration.
SELECT 1;
