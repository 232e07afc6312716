package io.botfleet.persistence.osgi;

import io.botfleet.api.backtest.Backtest;
import io.botfleet.api.backtest.BacktestRun;
import io.botfleet.api.backtest.BacktestState;
import io.botfleet.api.backtest.BacktestStore;
import io.botfleet.api.backtest.EquityPoint;
import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.backtest.SweepProgress;
import io.botfleet.persistence.JdbcStores;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link BacktestStore} service; present only while the database is open. */
@Component(service = BacktestStore.class)
public final class BacktestStoreComponent implements BacktestStore {

    @Reference
    private JdbcStores stores;

    @Override
    public void create(Backtest backtest) {
        stores.backtests().create(backtest);
    }

    @Override
    public void update(String id, BacktestState state, Instant startedAt, Instant finishedAt, SweepProgress progress,
                       String error) {
        stores.backtests().update(id, state, startedAt, finishedAt, progress, error);
    }

    @Override
    public boolean addRun(String id, BacktestRun run, List<RunFill> fills, List<RunTrade> trades,
                          List<EquityPoint> equity, SweepProgress progress) {
        return stores.backtests().addRun(id, run, fills, trades, equity, progress);
    }

    @Override
    public Optional<Backtest> find(String id) {
        return stores.backtests().find(id);
    }

    @Override
    public List<Backtest> list(int limit) {
        return stores.backtests().list(limit);
    }

    @Override
    public boolean hasRun(String id, int n) {
        return stores.backtests().hasRun(id, n);
    }

    @Override
    public List<RunFill> fills(String id, int n, int offset, int limit) {
        return stores.backtests().fills(id, n, offset, limit);
    }

    @Override
    public List<RunTrade> trades(String id, int n, int offset, int limit) {
        return stores.backtests().trades(id, n, offset, limit);
    }

    @Override
    public List<EquityPoint> equity(String id, int n) {
        return stores.backtests().equity(id, n);
    }

    @Override
    public boolean delete(String id) {
        return stores.backtests().delete(id);
    }

    @Override
    public int failUnfinished(String reason, Instant at) {
        return stores.backtests().failUnfinished(reason, at);
    }
}
