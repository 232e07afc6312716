package io.botfleet.api.store;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The append-only audit log. Synchronous, thread-safe. */
@ProviderType
public interface AuditLog {

    void append(AuditEntry entry);

    /** Entries for {@code target} (or all when null), newest first. */
    List<AuditEntry> list(String target, int limit);
}
