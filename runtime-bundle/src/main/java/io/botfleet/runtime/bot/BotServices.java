package io.botfleet.runtime.bot;

import io.botfleet.api.store.BotJournal;
import io.botfleet.api.store.DeploymentStore;
import io.botfleet.runtime.exchange.ExchangeRegistry;
import io.botfleet.runtime.market.MarketDataHub;
import io.botfleet.runtime.order.ClientOrderIdFactory;
import io.botfleet.runtime.strategy.StrategyRegistry;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Function;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.runtime.guard.StrategyCallGuard;
import io.botfleet.runtime.order.OrderRouter;
import io.botfleet.runtime.recovery.PersistenceOutage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What every bot runtime shares: the stores, registries, the market data hub, the executors and
 * the fleet-wide settings.
 *
 * @param journal     write-ahead journal
 * @param deployments deployment history and bad versions
 * @param strategies  installed strategy versions
 * @param exchanges   exchange accounts
 * @param hub         shared market data
 * @param routers     the order router of an account (created on first use)
 * @param ids         client order ids
 * @param botExecutor the shared pool mailboxes run on
 * @param ioExecutor  where blocking reads (recovery loads) run, never a bot thread
 * @param scheduler   timers: retries, reconciliation, backoff
 * @param stats       processing figures
 * @param clock       wall clock for timestamps
 * @param settings    tunables
 * @param failures    told when a bot goes FAILED (the watchdog)
 * @param guard       time and allocation limits on strategy calls
 * @param reinstall   asks, without waiting, for a strategy version (id, version) to be reinstalled
 *                    from the artifact store; its registration then resumes the bots waiting for it
 * @param persistenceOutage where bots suspended by a persistence fault wait for the database
 * @param leases      cluster mode: whether a bot's lease still holds when one of its orders is to go out
 */
public record BotServices(BotJournal journal, DeploymentStore deployments, StrategyRegistry strategies,
                          ExchangeRegistry exchanges, MarketDataHub hub,
                          Function<ExchangeRef, OrderRouter> routers,
                          ClientOrderIdFactory ids, Executor botExecutor, Executor ioExecutor,
                          ScheduledExecutorService scheduler,
                          ProcessingStats stats, Clock clock, RuntimeSettings settings,
                          Consumer<BotRuntime> failures,
                          StrategyCallGuard guard,
                          BiConsumer<String, String> reinstall,
                          PersistenceOutage persistenceOutage,
                          LeaseClock leases) {
}
