package io.botfleet.exchange.paper;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class PaperConfigTest {

    private static final Path HOME = Path.of("/opt/botfleet");

    private static Map<String, Object> synthetic() {
        Map<String, Object> config = new HashMap<>();
        config.put("service.pid", "io.botfleet.exchange.paper~demo");
        config.put("service.factoryPid", "io.botfleet.exchange.paper");
        config.put("component.name", "io.botfleet.exchange.paper.PaperExchangeComponent");
        config.put("balance.USDT", "10000");
        return config;
    }

    @Test
    public void theDemoDefaultsAreASyntheticWalkOfOneCandleASecond() {
        PaperConfig config = PaperConfig.parse(synthetic(), HOME);
        assertEquals("demo", config.account());
        assertEquals(Map.of("USDT", new BigDecimal("10000")), config.initialBalances());
        MarketSource.Synthetic source = (MarketSource.Synthetic) config.source();
        assertEquals("BTCUSDT", source.symbol());
        assertEquals(Interval.M1, source.interval());
        assertEquals(0, BigDecimal.valueOf(60).compareTo(source.speed()));
        assertEquals(0, BigDecimal.ZERO.compareTo(config.feeBps()));
    }

    @Test
    public void aReplayFileIsResolvedAgainstTheHome() {
        Map<String, Object> raw = synthetic();
        raw.put("replay.file", "data/replay/ETH_BTC-1m.csv");
        raw.put("replay.symbol", "ETHBTC");
        raw.put("replay.speed", 0);
        raw.put("feeBps", 7.5);
        raw.put("instrument.ETHBTC.qtyStep", "0.001");
        PaperConfig config = PaperConfig.parse(raw, HOME);
        MarketSource.Replay source = (MarketSource.Replay) config.source();
        assertEquals(HOME.resolve("data/replay/ETH_BTC-1m.csv"), source.file());
        assertEquals("ETHBTC", source.symbol());
        assertEquals(new BigDecimal("0.001"), config.instrumentRules().get("ETHBTC").qtyStep());
        assertEquals(0, new BigDecimal("7.5").compareTo(config.feeBps()));
    }

    @Test
    public void theAccountNameComesFromTheKeyThePidOrTheFileName() {
        Map<String, Object> raw = synthetic();
        raw.put("account", "main");
        assertEquals("main", PaperConfig.parse(raw, HOME).account());
        raw.remove("account");
        raw.remove("service.pid");
        raw.put("felix.fileinstall.filename", "file:/opt/botfleet/etc/io.botfleet.exchange.paper~alt.cfg");
        assertEquals("alt", PaperConfig.parse(raw, HOME).account());
        raw.put("felix.fileinstall.filename", "file:/opt/botfleet/etc/io.botfleet.exchange.paper-unittest.cfg");
        assertEquals("unittest", PaperConfig.parse(raw, HOME).account());
        raw.put("felix.fileinstall.filename", "file:/opt/botfleet/etc/other.cfg");
        assertRefused(raw, "account", "missing");
        raw.remove("felix.fileinstall.filename");
        assertRefused(raw, "account", "missing");
        raw.put("account", "../../etc");
        assertRefused(raw, "account", "[A-Za-z0-9_-]");
    }

    @Test
    public void badValuesNameTheirKey() {
        assertRefused(with("feeBps", "ten"), "feeBps", "must be a decimal number, was 'ten'");
        assertRefused(with("slippageBps", "-1"), "slippageBps", ">= 0");
        assertRefused(with("balance.USDT", "lots"), "balance.USDT", "decimal");
        assertRefused(with("balance.USDT", "1e999999999"), "balance.USDT", "too large");
        assertRefused(with("feeBps", "1e-999999999"), "feeBps", "digits after the decimal point");
        assertRefused(with("balance.US DT", "1"), "balance.US DT", "coin");
        assertRefused(with("synthetic.interval", "7m"), "synthetic.interval", "unknown interval");
        assertRefused(with("synthetic.seed", "1.5"), "synthetic.seed", "whole number");
        assertRefused(with("synthetic.volatility", "0"), "synthetic.volatility", "> 0");
        assertRefused(with("synthetic.startTime", "yesterday"), "synthetic.startTime", "ISO-8601");
        assertRefused(with("synthetic.speed", "-2"), "synthetic.speed", ">= 0");
        assertRefused(with("journal.fsync", "yes"), "journal.fsync", "true or false");
        assertRefused(with("instrument.BTCUSDT.tick", "0.1"), "instrument.BTCUSDT.tick",
                "field one of");
        assertRefused(with("instrument.BTCUSDT.tickSize", "0"), "instrument.BTCUSDT.tickSize",
                "> 0");
    }

    @Test
    public void misspeltKeysAreErrorsNotSilence() {
        assertRefused(with("feebps", "10"), "feebps", "unknown key");
        assertRefused(with("synthetic.sed", "10"), "synthetic.sed", "unknown key");
        Map<String, Object> replay = with("replay.file", "x.csv");
        replay.put("replay.symbol", "BTCUSDT");
        replay.put("replay.sped", "1");
        assertRefused(replay, "replay.sped", "unknown key");
    }

    @Test
    public void oneSourceOnly() {
        Map<String, Object> both = with("replay.file", "x.csv");
        both.put("replay.symbol", "BTCUSDT");
        both.put("synthetic.seed", "7");
        assertRefused(both, "synthetic.seed", "choose one");
        assertRefused(with("replay.symbol", "BTCUSDT"), "replay.symbol", "needs replay.file");
        assertRefused(with("replay.file", "x.csv"), "replay.symbol", "required");
    }

    @Test
    public void rulesNeedATickWithoutDataAndASplittableSymbol() {
        Map<String, InstrumentRules> rules = Map.of("DOGEUSDT", InstrumentRules.NONE);
        try {
            new Instruments(rules, "BTCUSDT", new BigDecimal("0.01"));
            fail();
        } catch (PaperConfigException e) {
            assertEquals("instrument.DOGEUSDT.tickSize", e.key());
        }
        try {
            new Instruments(Map.of(), "FOOBAR", new BigDecimal("0.01"));
            fail();
        } catch (PaperConfigException e) {
            assertEquals("instrument.FOOBAR.quoteCoin", e.key());
        }
        Instruments split = new Instruments(Map.of(), "ETHBTC", new BigDecimal("0.00000001"));
        assertEquals("ETH", split.get("ETHBTC").baseCoin());
        assertEquals("BTC", split.get("ETHBTC").quoteCoin());
        assertEquals(Instruments.DEFAULT_QTY_STEP, split.get("ETHBTC").qtyStep());
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> config = synthetic();
        config.put(key, value);
        return config;
    }

    private static void assertRefused(Map<String, Object> raw, String key, String messagePart) {
        try {
            PaperConfig.parse(raw, HOME);
            fail("accepted " + raw);
        } catch (PaperConfigException e) {
            assertEquals(e.getMessage(), key, e.key());
            assertTrue(e.getMessage(), e.getMessage().startsWith(key + ": "));
            assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
        }
    }
}
