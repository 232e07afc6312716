package io.botfleet.persistence.osgi;

import io.botfleet.api.store.StoreException;
import io.botfleet.persistence.JdbcStores;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/** The health check's verdict: OK with the database and schema version, or CRITICAL with why not. */
final class PersistenceHealth {

    private PersistenceHealth() {
    }

    static Result evaluate(StoresOpener.State state) {
        FormattingResultLog log = new FormattingResultLog();
        JdbcStores stores = state.stores();
        if (stores == null) {
            log.critical("persistence unavailable: {}", state.problem());
            return new Result(log);
        }
        String ownership = stores.ownershipProblem();
        if (ownership != null) {
            log.critical("persistence unavailable: {}", ownership);
            return new Result(log);
        }
        try {
            stores.checkHealth();
            log.info("database {} at schema version {}", stores.describe(), stores.schemaVersion());
        } catch (StoreException e) {
            log.critical("database {} unavailable: {}", stores.describe(), e.getMessage());
        }
        return new Result(log);
    }
}
