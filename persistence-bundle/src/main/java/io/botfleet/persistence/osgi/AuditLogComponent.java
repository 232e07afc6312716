package io.botfleet.persistence.osgi;

import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.AuditLog;
import io.botfleet.persistence.JdbcStores;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link AuditLog} service; present only while the database is open. */
@Component(service = AuditLog.class)
public final class AuditLogComponent implements AuditLog {

    @Reference
    private JdbcStores stores;

    @Override
    public void append(AuditEntry entry) {
        stores.audit().append(entry);
    }

    @Override
    public List<AuditEntry> list(String target, int limit) {
        return stores.audit().list(target, limit);
    }
}
