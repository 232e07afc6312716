package io.botfleet.api.exchange;

/** Service properties every {@link ExchangeAdapter} registration carries. */
public final class ExchangeProperties {

    /** The exchange, for example {@code paper} or {@code bybit}. */
    public static final String ID = "exchange.id";

    /** The account name within the exchange, from the factory configuration name. */
    public static final String ACCOUNT = "exchange.account";

    private ExchangeProperties() {
    }
}
