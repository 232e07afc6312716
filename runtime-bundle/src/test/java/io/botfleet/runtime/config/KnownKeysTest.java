package io.botfleet.runtime.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.ExchangeRef;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class KnownKeysTest {

    private static final KnownKeys BYBIT = new KnownKeys(List.of("account", "apiKey", "apiSecret", "restUrl",
            "wsPublicUrl", "wsPrivateUrl", "environment"), List.of());

    @Test
    public void unknownKeysNameTheFileTheKeyAndTheClosestKnownKey() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("apiKey", "k");
        props.put("wsUrl", "wss://example.invalid");
        props.put("leverage", "5");
        props.put("service.pid", "io.botfleet.exchange.bybit~main");
        props.put("service.factoryPid", "io.botfleet.exchange.bybit");
        props.put("felix.fileinstall.filename", "file:/srv/botfleet/etc/io.botfleet.exchange.bybit-main.cfg");
        List<UnknownKey> unknown = BYBIT.unknown("io.botfleet.exchange.bybit-main.cfg", props);
        assertEquals(List.of(new UnknownKey("io.botfleet.exchange.bybit-main.cfg", "leverage", null),
                new UnknownKey("io.botfleet.exchange.bybit-main.cfg", "wsUrl", "wsPublicUrl")), unknown);
        assertEquals("io.botfleet.exchange.bybit-main.cfg: unknown key 'wsUrl' (ignored); did you mean 'wsPublicUrl'?",
                unknown.get(1).message());
    }

    @Test
    public void declaredPrefixesCoverOpenEndedKeys() {
        KnownKeys paper = new KnownKeys(List.of("account", "feeBps"), List.of("balance.", "instrument."));
        assertTrue(paper.knows("balance.USDT"));
        assertTrue(paper.knows("instrument.BTCUSDT.qtyStep"));
        assertEquals(Optional.of("feeBps"), Optional.ofNullable(paper.unknown("f.cfg", table("feeBsp", "1")).get(0).closest()));
    }

    @Test
    public void tildeFilesAreFactoryConfigurations() {
        assertEquals(Optional.of(new FactoryName("io.botfleet.exchange.bybit", "main")),
                FactoryName.ofTildeFile("io.botfleet.exchange.bybit~main.cfg"));
        assertEquals(Optional.of(new FactoryName("io.botfleet.exchange.paper", "my-sim")),
                FactoryName.ofTildeFile("io.botfleet.exchange.paper~my-sim.config"));
        assertEquals("the '-' spelling FileInstall reads itself", Optional.empty(),
                FactoryName.ofTildeFile("io.botfleet.exchange.paper-default.cfg"));
        assertEquals(Optional.empty(), FactoryName.ofTildeFile("io.botfleet.runtime.cfg"));
        assertEquals(Optional.empty(), FactoryName.ofTildeFile("io.botfleet.exchange.bybit~.cfg"));
        assertEquals(Optional.empty(), FactoryName.ofTildeFile("notes~draft.txt"));
    }

    @Test
    public void exchangeFactoryConfigurationsNameTheirAccount() {
        assertEquals(new ExchangeRef("bybit", "main"),
                ConfigurationFiles.account("io.botfleet.exchange.bybit", "io.botfleet.exchange.bybit~main", table("x", "y")));
        assertEquals(new ExchangeRef("bybit", "spot"),
                ConfigurationFiles.account("io.botfleet.exchange.bybit", "io.botfleet.exchange.bybit~main", table("account", "spot")));
        assertNull(ConfigurationFiles.account(null, "io.botfleet.runtime", table("x", "y")));
        assertEquals("io.botfleet.exchange.bybit-main.cfg",
                ConfigurationFiles.fileName("file:/srv/botfleet/etc/io.botfleet.exchange.bybit-main.cfg"));
    }

    private static Hashtable<String, Object> table(String key, String value) {
        Hashtable<String, Object> t = new Hashtable<>();
        t.put(key, value);
        return t;
    }
}
