package io.botfleet.persistence.migrate;

import io.botfleet.api.store.StoreException;

/** The database was migrated by a newer bundle; this one must not touch it. */
public final class SchemaTooNewException extends StoreException {

    private static final long serialVersionUID = 1L;

    public SchemaTooNewException(int databaseVersion, int bundleVersion) {
        super("database schema version " + databaseVersion + " is newer than this persistence bundle "
                + "supports (" + bundleVersion + "): install the persistence bundle that wrote it, or "
                + "restore a backup taken before the upgrade");
    }
}
