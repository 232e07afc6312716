package io.botfleet.exchange.bybit.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One Bybit account: factory configuration {@code io.botfleet.exchange.bybit~<account>}
 * (file {@code etc/io.botfleet.exchange.bybit~<account>.cfg}). Parsed by {@link SettingsFactory}.
 */
@ObjectClassDefinition(
        name = "Botfleet Bybit V5 account",
        description = "One Bybit account (API key) that bots trade on. The secret is best given "
                + "by apiSecretEnv or apiSecretFile so that it is never written to a config file.")
public @interface BybitConfiguration {

    @AttributeDefinition(description = "Account name (exchange.account); default: the "
            + "configuration name after '~'")
    String account() default "";

    @AttributeDefinition(description = "API key")
    String apiKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "API secret (prefer apiSecretEnv or apiSecretFile)")
    String apiSecret() default "";

    @AttributeDefinition(required = false,
            description = "Name of an environment variable holding the API secret")
    String apiSecretEnv() default "";

    @AttributeDefinition(required = false,
            description = "Path of a file holding the API secret (readable by the service only)")
    String apiSecretFile() default "";

    @AttributeDefinition(description = "Product traded", options = {
            @Option(label = "USDT perpetuals", value = "linear"),
            @Option(label = "Spot", value = "spot")})
    String category() default "linear";

    @AttributeDefinition(description = "Default URLs", options = {
            @Option(label = "Mainnet", value = "mainnet"),
            @Option(label = "Testnet", value = "testnet"),
            @Option(label = "Demo trading", value = "demo")})
    String environment() default "mainnet";

    @AttributeDefinition(required = false,
            description = "REST base URL; default from environment")
    String restUrl() default "";

    @AttributeDefinition(required = false,
            description = "Public WebSocket URL incl. category; default from environment")
    String wsPublicUrl() default "";

    @AttributeDefinition(required = false,
            description = "Private WebSocket URL; default from environment")
    String wsPrivateUrl() default "";

    @AttributeDefinition(required = false, description = "Allow http:// and ws:// URLs to hosts other than"
            + " localhost (keys and signatures would travel unencrypted)")
    boolean allowInsecureUrl() default false;

    @AttributeDefinition(description = "X-BAPI-RECV-WINDOW in ms")
    long recvWindow() default 5000;

    @AttributeDefinition(description = "Per HTTP request, in ms (100..120000); a create that times out "
            + "has an unknown outcome and is resolved by its orderLinkId")
    long requestTimeoutMillis() default 10_000;
}
