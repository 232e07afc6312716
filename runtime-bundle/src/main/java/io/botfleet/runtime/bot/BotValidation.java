package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.ExchangeRef;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyParameterException;
import io.botfleet.runtime.exchange.ExchangeRegistry;
import io.botfleet.runtime.strategy.StrategyProvider;
import io.botfleet.runtime.strategy.StrategyRegistry;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a new or changed bot can run here: its strategy and version are installed, its
 * parameters are accepted by the strategy itself, and its exchange account exists. Each refusal
 * names the field.
 */
final class BotValidation {

    private final StrategyRegistry strategies;
    private final ExchangeRegistry exchanges;

    BotValidation(StrategyRegistry strategies, ExchangeRegistry exchanges) {
        this.strategies = strategies;
        this.exchanges = exchanges;
    }

    void check(BotConfig config) {
        checkExchange(config.exchange());
        checkParams(config);
    }

    void checkParams(BotConfig config) {
        StrategyProvider provider = provider(config);
        Strategy probe = provider.newInstance();
        if (probe == null) {
            throw new InvalidBotConfigException("strategy.id", "strategy " + provider.id() + " went away");
        }
        try {
            probe.configure(config.strategy().params());
        } catch (StrategyParameterException e) {
            throw new InvalidBotConfigException("strategy.params." + e.parameter(), e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidBotConfigException("strategy.params", "refused by the strategy: " + e.getMessage());
        } finally {
            provider.release(probe);
        }
    }

    private StrategyProvider provider(BotConfig config) {
        String id = config.strategy().id();
        if (!strategies.knows(id)) {
            throw new InvalidBotConfigException("strategy.id", "no strategy '" + id + "' is installed; installed: "
                    + strategies.all().stream().map(StrategyProvider::id).distinct().collect(Collectors.joining(", ")));
        }
        String version = config.strategy().version();
        if (version == null) {
            return strategies.newest(id, Set.of()).orElseThrow();
        }
        return strategies.find(id, version).orElseThrow(() -> new InvalidBotConfigException("strategy.version",
                id + " " + version + " is not installed; installed versions: "
                        + strategies.all().stream().filter(p -> p.id().equals(id))
                        .map(StrategyProvider::versionString).collect(Collectors.joining(", "))));
    }

    private void checkExchange(ExchangeRef account) {
        if (exchanges.find(account).isPresent()) {
            return;
        }
        Set<ExchangeRef> known = exchanges.all().keySet();
        String list = known.stream().map(r -> r.id() + "/" + r.account()).collect(Collectors.joining(", "));
        boolean idKnown = known.stream().anyMatch(r -> r.id().equals(account.id()));
        throw idKnown
                ? new InvalidBotConfigException("exchange.account", "no account '" + account.account() + "' on "
                        + account.id() + "; configured: " + list)
                : new InvalidBotConfigException("exchange.id", "no exchange '" + account.id() + "' is configured; configured: " + list);
    }
}
