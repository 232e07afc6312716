package io.botfleet.control.http;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotCounters;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotFill;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.bot.BotPatch;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.bot.BotStatus;
import io.botfleet.api.bot.StrategySpec;
import io.botfleet.api.bot.Deployment;
import io.botfleet.api.bot.DesiredState;
import io.botfleet.api.bot.Halt;
import io.botfleet.api.bot.HaltOutcome;
import io.botfleet.api.bot.Position;
import io.botfleet.api.market.Candle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A bot manager with the documented state rules and no runtime behind it. */
final class FakeBotManager implements BotManager {

    final Map<String, BotConfig> configs = new TreeMap<>();
    final Map<String, BotState> states = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    final List<Halt> halts = new ArrayList<>();

    @Override
    public synchronized List<BotStatus> list() {
        return configs.keySet().stream().map(this::get).toList();
    }

    @Override
    public synchronized BotStatus get(String id) {
        BotConfig c = config(id);
        BotState s = states.get(id);
        return new BotStatus(id, s, s == BotState.RUNNING ? DesiredState.RUNNING
                : s == BotState.PAUSED ? DesiredState.PAUSED : DesiredState.STOPPED,
                c.strategy().id(), c.strategy().version(), c.exchange(), c.symbol(), c.interval(),
                Position.FLAT, BotCounters.ZERO, null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized BotConfig config(String id) {
        BotConfig c = configs.get(id);
        if (c == null) {
            throw new BotNotFoundException("no bot " + id);
        }
        return c;
    }

    @Override
    public synchronized BotStatus create(BotConfig config, String actor) {
        calls.add("create " + config.id() + " by " + actor);
        if (configs.containsKey(config.id())) {
            throw new BotConflictException("bot " + config.id() + " exists");
        }
        configs.put(config.id(), config);
        states.put(config.id(), config.autoStart() ? BotState.RUNNING : BotState.CREATED);
        return get(config.id());
    }

    @Override
    public synchronized BotStatus update(String id, BotPatch patch, String actor) {
        calls.add("update " + id);
        return get(id);
    }

    @Override
    public synchronized void delete(String id, String actor) {
        BotState s = get(id).state();
        if (s != BotState.STOPPED && s != BotState.CREATED) {
            throw new BotConflictException("bot " + id + " is " + s + "; delete needs STOPPED or CREATED");
        }
        configs.remove(id);
        states.remove(id);
    }

    private BotStatus move(String id, String verb, BotState to, BotState... from) {
        BotState s = get(id).state();
        for (BotState f : from) {
            if (f == s) {
                calls.add(verb + " " + id);
                states.put(id, to);
                return get(id);
            }
        }
        throw new BotConflictException("bot " + id + " is " + s + "; " + verb + " needs " + List.of(from));
    }

    @Override
    public synchronized BotStatus start(String id, String actor) {
        return move(id, "start", BotState.RUNNING, BotState.CREATED, BotState.STOPPED);
    }

    @Override
    public synchronized BotStatus stop(String id, String actor) {
        return move(id, "stop", BotState.STOPPED, BotState.RUNNING, BotState.PAUSED);
    }

    @Override
    public synchronized BotStatus stop(String id, boolean flatten, String actor) {
        if (flatten) {
            calls.add("flatten " + id);
        }
        return stop(id, actor);
    }

    @Override
    public synchronized HaltOutcome flatten(String id, String actor) {
        move(id, "flatten", BotState.PAUSED, BotState.RUNNING, BotState.PAUSED);
        return new HaltOutcome(id, BotState.PAUSED, "no open order; position already flat");
    }

    @Override
    public synchronized List<HaltOutcome> halt(Halt halt) {
        calls.add("halt " + halt.scope() + (halt.flatten() ? " flatten" : "") + " by " + halt.actor());
        halts.removeIf(h -> h.hasScope(halt.exchange(), halt.account()));
        halts.add(halt);
        return configs.values().stream().filter(c -> halt.covers(c.exchange()))
                .map(c -> new HaltOutcome(c.id(), states.get(c.id()), "halted")).toList();
    }

    @Override
    public synchronized List<HaltOutcome> lift(String exchange, String account, String actor) {
        if (!halts.removeIf(h -> h.hasScope(exchange, account))) {
            throw new BotNotFoundException("no halt of that scope is active");
        }
        calls.add("lift " + exchange + "/" + account + " by " + actor);
        return List.of();
    }

    @Override
    public synchronized List<Halt> halts() {
        return List.copyOf(halts);
    }

    @Override
    public synchronized BotStatus pause(String id, String actor) {
        return move(id, "pause", BotState.PAUSED, BotState.RUNNING);
    }

    @Override
    public synchronized BotStatus resume(String id, String actor) {
        return move(id, "resume", BotState.RUNNING, BotState.PAUSED);
    }

    @Override
    public BotStatus swapStrategy(String id, String version, boolean force, String actor) {
        throw new UnsupportedOperationException("strategy swap is not available yet");
    }

    @Override
    public BotStatus moveStrategy(String id, StrategySpec to, boolean force, String actor) {
        throw new UnsupportedOperationException("strategy move is not available yet");
    }

    @Override
    public BotStatus rollbackStrategy(String id, String actor) {
        throw new UnsupportedOperationException("rollback is not available yet");
    }

    @Override
    public List<Deployment> strategyHistory(String id) {
        get(id);
        return List.of();
    }

    @Override
    public List<BotOrder> orders(String id, boolean openOnly, int limit) {
        calls.add("orders " + id + " open=" + openOnly + " limit=" + limit);
        get(id);
        return List.of();
    }

    @Override
    public List<BotFill> fills(String id, int limit) {
        get(id);
        return List.of();
    }

    @Override
    public List<BotEvent> events(String id, int limit) {
        get(id);
        return List.of();
    }

    @Override
    public List<Candle> candles(String id, int limit) {
        get(id);
        return List.of();
    }
}
