package io.botfleet.persistence.osgi;

import io.botfleet.api.store.DeliveryCursor;
import io.botfleet.api.store.NotificationOutbox;
import io.botfleet.api.store.OutboxCount;
import io.botfleet.api.store.OutboxMessage;
import io.botfleet.persistence.JdbcStores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link NotificationOutbox} service; present only while the database is open. */
@Component(service = NotificationOutbox.class)
public final class NotificationOutboxComponent implements NotificationOutbox {

    @Reference
    private JdbcStores stores;

    @Override
    public OutboxMessage append(String type, Instant time, String botId, String message, Map<String, Object> data) {
        return stores.notificationOutbox().append(type, time, botId, message, data);
    }

    @Override
    public List<OutboxMessage> after(long seq, int limit) {
        return stores.notificationOutbox().after(seq, limit);
    }

    @Override
    public List<OutboxCount> countAfter(long seq) {
        return stores.notificationOutbox().countAfter(seq);
    }

    @Override
    public long lastSeq() {
        return stores.notificationOutbox().lastSeq();
    }

    @Override
    public Optional<DeliveryCursor> cursor(String target) {
        return stores.notificationOutbox().cursor(target);
    }

    @Override
    public void saveCursor(DeliveryCursor cursor) {
        stores.notificationOutbox().saveCursor(cursor);
    }

    @Override
    public int prune(Instant time) {
        return stores.notificationOutbox().prune(time);
    }
}
