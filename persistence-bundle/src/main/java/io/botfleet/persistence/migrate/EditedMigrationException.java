package io.botfleet.persistence.migrate;

import io.botfleet.api.store.StoreException;

/**
 * A migration this database has applied no longer matches the bundle's script: someone edited a
 * shipped script. The database is left untouched, because what it holds was made by the old
 * statements and nothing can tell what the edit would have changed.
 */
public final class EditedMigrationException extends StoreException {

    private static final long serialVersionUID = 1L;

    public EditedMigrationException(Migration migration, String recorded, String shipped) {
        super("schema migration " + migration.resource() + " was edited after this database applied it "
                + "(checksum applied " + recorded + ", now " + shipped + "): restore the script as it "
                + "shipped and add the change as a new migration");
    }
}
