-- Version 9 is reserved for the cluster's balancing columns, developed beside the backtest result
-- pages (10); when both are merged this placeholder gives way to that migration.
SELECT 1;
