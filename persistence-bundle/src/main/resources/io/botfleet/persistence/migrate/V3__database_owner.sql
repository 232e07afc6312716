-- Version 3: which server owns the database. One row (id = 1), written by the server that holds
-- the ownership lock (PostgreSQL: a session advisory lock; H2: the file lock) each time it takes
-- it, so that a server refused the lock can name the holder. The row stays after its server
-- stops: it is the last owner, not proof of a live one (the lock is that).
-- mode: 'single' (one server owns the database); a cluster writes its own mode, and each mode
-- refuses a database recorded in the other.

CREATE TABLE database_owner (
    id            SMALLINT NOT NULL PRIMARY KEY,
    mode          VARCHAR(16) NOT NULL,
    instance      VARCHAR(36) NOT NULL,
    host          VARCHAR(255) NOT NULL,
    pid           BIGINT NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    lock_backend  BIGINT,
    taken_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
