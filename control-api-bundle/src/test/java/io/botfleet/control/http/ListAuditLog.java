package io.botfleet.control.http;

import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.AuditLog;
import java.util.List;

/** An audit log that keeps its entries in the test's list. */
final class ListAuditLog implements AuditLog {

    private final List<AuditEntry> entries;

    ListAuditLog(List<AuditEntry> entries) {
        this.entries = entries;
    }

    @Override
    public void append(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<AuditEntry> list(String target, int limit) {
        return entries;
    }
}
