package io.botfleet.persistence.owner;

import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.db.DatabaseSettings;

/**
 * A child JVM that owns a database the way a server does ({@link JdbcStores#openAsOwner}), prints
 * {@code OWNER <pid>} once it does, and holds it until killed.
 */
public final class OwnerHolder {

    private OwnerHolder() {
    }

    public static void main(String[] args) throws Exception {
        JdbcStores stores = JdbcStores.openAsOwner(new DatabaseSettings(args[0], "", "", 3, 1), OwnerRecord.thisProcess());
        System.out.println("OWNER " + ProcessHandle.current().pid() + " schema " + stores.schemaVersion());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
