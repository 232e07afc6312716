-- Version 9: draining and balancing of a cluster. Both columns are optional, so a node of the
-- version before (which neither reads nor writes them) keeps working beside a newer one during a
-- rolling upgrade.

-- The most bots a node runs (its maxBots), NULL for no limit: every node's balancing respects it.
ALTER TABLE cluster_nodes ADD COLUMN max_bots INTEGER;

-- TRUE when the owner gave the lease up (a planned hand-over or a clean stop) rather than letting
-- it expire: the next owner counts a hand-over, not a failover.
ALTER TABLE bot_leases ADD COLUMN given_up BOOLEAN DEFAULT FALSE NOT NULL;
