package io.botfleet.persistence.osgi;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.store.BotJournal;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StrategyCheckpoint;
import io.botfleet.persistence.JdbcStores;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link BotJournal} service; present only while the database is open. */
@Component(service = BotJournal.class)
public final class BotJournalComponent implements BotJournal {

    @Reference
    private JdbcStores stores;

    @Override
    public CompletionStage<Void> commitCandle(BotProgress progress, List<BotOrder> intents) {
        return stores.journal().commitCandle(progress, intents);
    }

    @Override
    public CompletionStage<Void> updateOrder(BotOrder order, BotProgress progress) {
        return stores.journal().updateOrder(order, progress);
    }

    @Override
    public CompletionStage<Boolean> applyFill(BotFill fill, BotOrder order, BotProgress progress) {
        return stores.journal().applyFill(fill, order, progress);
    }

    @Override
    public CompletionStage<Void> checkpoint(StrategyCheckpoint checkpoint) {
        return stores.journal().checkpoint(checkpoint);
    }

    @Override
    public CompletionStage<Void> appendEvent(BotEvent event) {
        return stores.journal().appendEvent(event);
    }

    @Override
    public Optional<BotProgress> progress(String botId) {
        return stores.journal().progress(botId);
    }

    @Override
    public Optional<StrategyCheckpoint> lastCheckpoint(String botId) {
        return stores.journal().lastCheckpoint(botId);
    }

    @Override
    public Optional<StrategyCheckpoint> lastCheckpoint(String botId, String strategyId) {
        return stores.journal().lastCheckpoint(botId, strategyId);
    }

    @Override
    public List<BotOrder> orders(String botId, boolean openOnly, int limit) {
        return stores.journal().orders(botId, openOnly, limit);
    }

    @Override
    public List<BotOrder> unfinishedOrders(String botId) {
        return stores.journal().unfinishedOrders(botId);
    }

    @Override
    public Optional<BotOrder> order(String clientOrderId) {
        return stores.journal().order(clientOrderId);
    }

    @Override
    public List<BotFill> fills(String botId, int limit) {
        return stores.journal().fills(botId, limit);
    }

    @Override
    public List<BotEvent> events(String botId, int limit) {
        return stores.journal().events(botId, limit);
    }
}
