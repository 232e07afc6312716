package io.botfleet.api.bot;

/**
 * An exchange account: the {@code exchange.id} and {@code exchange.account} of an adapter service.
 */
public record ExchangeRef(String id, String account) {

    public ExchangeRef {
        if (id == null || id.isBlank()) {
            throw new InvalidBotConfigException("exchange.id", "is required");
        }
        if (account == null || account.isBlank()) {
            throw new InvalidBotConfigException("exchange.account", "is required");
        }
    }
}
