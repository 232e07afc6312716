-- Version 7: several nodes, one fleet (cluster mode, PostgreSQL only; the tables exist on H2 too
-- so that one schema serves both). Times are the database's clock: leases and heartbeats are
-- compared with now() in the same statement, so the nodes' own clocks never matter.

-- One row per node that ever joined: ACTIVE while it beats, LEFT after a clean stop.
CREATE TABLE cluster_nodes (
    id         VARCHAR(128) PRIMARY KEY,
    instance   VARCHAR(64)  NOT NULL,
    url        VARCHAR(500) NOT NULL,
    version    VARCHAR(64)  NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    joined_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The lease of a bot (by its id): the node that may run it until expires_at, and the epoch, one
-- more at every change of owner. Every journal write of the bot reads its row FOR SHARE and
-- commits only while owner_node and epoch are still the writer's.
CREATE TABLE bot_leases (
    bot_id      VARCHAR(64)  PRIMARY KEY,
    owner_node  VARCHAR(128) NOT NULL,
    epoch       BIGINT       NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX bot_leases_owner_ix ON bot_leases (owner_node);
