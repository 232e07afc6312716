-- Version 8: a bot can move to another strategy id and back.
-- deployments: strategy_id stays the strategy after the change; from_strategy_id is the one
-- before (null in older rows: the same strategy), from_params/to_params the parameters as JSON
-- (null in older rows: not recorded).
ALTER TABLE deployments ADD COLUMN from_strategy_id VARCHAR(64);
ALTER TABLE deployments ADD COLUMN from_params TEXT;
ALTER TABLE deployments ADD COLUMN to_params TEXT;

-- The last checkpoint of each strategy a bot ran: bot_checkpoints holds only the newest, of the
-- strategy running now; a rollback to a strategy the bot moved away from restores its own.
CREATE TABLE bot_strategy_checkpoints (
    bot_id           VARCHAR(64)  NOT NULL,
    strategy_id      VARCHAR(64)  NOT NULL,
    strategy_version VARCHAR(128) NOT NULL,
    last_candle_time TIMESTAMP WITH TIME ZONE,
    snapshot         TEXT         NOT NULL,
    taken_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (bot_id, strategy_id)
);
INSERT INTO bot_strategy_checkpoints (bot_id, strategy_id, strategy_version, last_candle_time, snapshot, taken_at)
    SELECT bot_id, strategy_id, strategy_version, last_candle_time, snapshot, taken_at FROM bot_checkpoints;
