-- Version 4: the operators' kill switches, one row per scope. exchange_id and account are ''
-- for "any" (the whole fleet; every account of an exchange), so that the scope is a plain
-- primary key on both databases.

CREATE TABLE halts (
    exchange_id  VARCHAR(64)  NOT NULL,
    account      VARCHAR(64)  NOT NULL,
    flatten      BOOLEAN      NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    actor        VARCHAR(128) NOT NULL,
    since        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (exchange_id, account)
);
