package io.botfleet.exchange.paper;

import io.botfleet.api.market.Interval;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A paper account's configuration, parsed from the keys of its
 * {@code etc/io.botfleet.exchange.paper-<account>.cfg} (see the module README). Parsing is
 * strict: a misspelt key in one of our namespaces is an error rather than a silently ignored
 * setting, and every error names its key.
 *
 * @param account         account name, {@code [A-Za-z0-9_-]{1,64}} (it names a folder)
 * @param initialBalances {@code balance.<COIN>}: the deposit the account opens with
 * @param feeBps          fee in basis points of notional, charged in the quote coin
 * @param slippageBps     how far a market order's price moves against it, in basis points
 * @param instrumentRules {@code instrument.<SYMBOL>.*} by symbol
 * @param source          where candles come from
 * @param fsync           {@code journal.fsync}: force every journal write to the disk (survives
 *                        power loss, much slower) instead of only to the OS (survives a kill)
 */
record PaperConfig(String account, Map<String, BigDecimal> initialBalances,
                          BigDecimal feeBps, BigDecimal slippageBps,
                          Map<String, InstrumentRules> instrumentRules, MarketSource source,
                          boolean fsync) {

    static final String ACCOUNT = "account";
    static final String FEE_BPS = "feeBps";
    static final String SLIPPAGE_BPS = "slippageBps";
    static final String JOURNAL_FSYNC = "journal.fsync";
    static final String BALANCE = "balance.";
    static final String INSTRUMENT = "instrument.";
    static final String REPLAY_FILE = "replay.file";
    static final String REPLAY_SYMBOL = "replay.symbol";
    static final String REPLAY_INTERVAL = "replay.interval";
    static final String REPLAY_SPEED = "replay.speed";
    static final String SYNTHETIC_SYMBOL = "synthetic.symbol";
    static final String SYNTHETIC_INTERVAL = "synthetic.interval";
    static final String SYNTHETIC_SEED = "synthetic.seed";
    static final String SYNTHETIC_START_PRICE = "synthetic.startPrice";
    static final String SYNTHETIC_TICK_SIZE = "synthetic.tickSize";
    static final String SYNTHETIC_VOLATILITY = "synthetic.volatility";
    static final String SYNTHETIC_START_TIME = "synthetic.startTime";
    static final String SYNTHETIC_SPEED = "synthetic.speed";

    /** The factory PID; FileInstall names configurations {@code <pid>~<account>}. */
    static final String FACTORY_PID = PaperExchange.FACTORY_PID;

    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern COIN = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Set<String> TOP_LEVEL = Set.of(ACCOUNT, FEE_BPS, SLIPPAGE_BPS);
    private static final Set<String> OWN_KEYS = Set.of(JOURNAL_FSYNC, REPLAY_FILE, REPLAY_SYMBOL,
            REPLAY_INTERVAL, REPLAY_SPEED, SYNTHETIC_SYMBOL, SYNTHETIC_INTERVAL, SYNTHETIC_SEED,
            SYNTHETIC_START_PRICE, SYNTHETIC_TICK_SIZE, SYNTHETIC_VOLATILITY, SYNTHETIC_START_TIME,
            SYNTHETIC_SPEED);
    private static final Set<String> OWN_PREFIXES = Set.of("replay.", "synthetic.", "journal.");
    private static final Set<String> RULE_FIELDS = Set.of("tickSize", "qtyStep", "minQty",
            "minNotional", "baseCoin", "quoteCoin");
    /** The synthetic walk's default epoch: plainly not live data, and never in the future. */
    static final Instant DEFAULT_SYNTHETIC_START = Instant.parse("2020-01-01T00:00:00Z");

    PaperConfig {
        initialBalances = Collections.unmodifiableMap(new TreeMap<>(initialBalances));
        instrumentRules = Collections.unmodifiableMap(new TreeMap<>(instrumentRules));
    }

    /**
     * Parses a configuration map with the keys of the {@code .cfg} file. A relative
     * {@code replay.file} is resolved against {@code baseDir}.
     *
     * @throws PaperConfigException naming the first offending key
     */
    static PaperConfig parse(Map<String, ?> properties, Path baseDir) {
        ConfigValues values = new ConfigValues(properties);
        rejectUnknownKeys(values);
        Map<String, BigDecimal> balances = new HashMap<>();
        for (String key : values.keys()) {
            if (key.startsWith(BALANCE)) {
                String coin = key.substring(BALANCE.length());
                if (!COIN.matcher(coin).matches()) {
                    throw new PaperConfigException(key, "the coin must be 1-20 letters or digits");
                }
                balances.put(coin, values.nonNegative(key, BigDecimal.ZERO));
            }
        }
        return new PaperConfig(account(values), balances,
                values.nonNegative(FEE_BPS, BigDecimal.ZERO),
                values.nonNegative(SLIPPAGE_BPS, BigDecimal.ZERO),
                instrumentRules(values), source(values, baseDir),
                values.bool(JOURNAL_FSYNC, false));
    }

    /**
     * The account name: {@code account} if set, else the configuration name after {@code ~}
     * in {@code service.pid}, else the name in FileInstall's file name
     * ({@code io.botfleet.exchange.paper-<name>.cfg} or {@code ~<name>}).
     */
    private static String account(ConfigValues values) {
        String account = values.string(ACCOUNT, null);
        if (account == null) {
            account = afterTilde(values.string("service.pid", null));
        }
        if (account == null) {
            String file = values.string("felix.fileinstall.filename", null);
            if (file != null) {
                String name = file.substring(file.lastIndexOf('/') + 1)
                        .replaceFirst("\\.(cfg|config)$", "");
                // FileInstall accepts <factoryPid>-<name> as well as <factoryPid>~<name>
                if (name.startsWith(FACTORY_PID + "-") || name.startsWith(FACTORY_PID + "~")) {
                    account = name.substring(FACTORY_PID.length() + 1);
                }
            }
        }
        if (account == null) {
            throw new PaperConfigException(ACCOUNT, "missing: set account=<name>, or name the file "
                    + FACTORY_PID + "-<account>.cfg");
        }
        if (!ACCOUNT_NAME.matcher(account).matches()) {
            throw new PaperConfigException(ACCOUNT, "must be 1-64 characters of [A-Za-z0-9_-],"
                    + " was '" + account + "'");
        }
        return account;
    }

    private static String afterTilde(String name) {
        if (name == null || name.indexOf('~') < 0) {
            return null;
        }
        String tail = name.substring(name.lastIndexOf('~') + 1);
        return tail.isBlank() ? null : tail;
    }

    private static void rejectUnknownKeys(ConfigValues values) {
        for (String key : values.keys()) {
            boolean ours = OWN_PREFIXES.stream().anyMatch(key::startsWith) || !key.contains(".");
            if (ours && !TOP_LEVEL.contains(key) && !OWN_KEYS.contains(key)) {
                throw new PaperConfigException(key, "unknown key; the paper exchange reads "
                        + "account, feeBps, slippageBps, balance.<COIN>, instrument.<SYMBOL>.*, "
                        + "replay.*, synthetic.*, journal.fsync");
            }
        }
    }

    private static Map<String, InstrumentRules> instrumentRules(ConfigValues values) {
        Map<String, InstrumentRules> rules = new HashMap<>();
        for (String key : values.keys()) {
            if (!key.startsWith(INSTRUMENT)) {
                continue;
            }
            String rest = key.substring(INSTRUMENT.length());
            int dot = rest.lastIndexOf('.');
            String symbol = dot < 0 ? "" : rest.substring(0, dot);
            String field = dot < 0 ? rest : rest.substring(dot + 1);
            if (!SYMBOL.matcher(symbol).matches() || !RULE_FIELDS.contains(field)) {
                throw new PaperConfigException(key, "expected instrument.<SYMBOL>.<field> with "
                        + "field one of " + String.join(", ", new TreeSet<>(RULE_FIELDS)));
            }
            rules.computeIfAbsent(symbol, s -> rulesOf(values, s));
        }
        return rules;
    }

    private static InstrumentRules rulesOf(ConfigValues values, String symbol) {
        String prefix = INSTRUMENT + symbol + ".";
        return new InstrumentRules(
                values.positive(prefix + "tickSize", null),
                values.positive(prefix + "qtyStep", null),
                values.nonNegative(prefix + "minQty", null),
                values.nonNegative(prefix + "minNotional", null),
                coin(values, prefix + "baseCoin"),
                coin(values, prefix + "quoteCoin"));
    }

    private static String coin(ConfigValues values, String key) {
        String coin = values.string(key, null);
        if (coin != null && !COIN.matcher(coin).matches()) {
            throw new PaperConfigException(key, "must be 1-20 letters or digits, was '" + coin + "'");
        }
        return coin;
    }

    private static MarketSource source(ConfigValues values, Path baseDir) {
        if (values.has(REPLAY_FILE)) {
            for (String key : values.keys()) {
                if (key.startsWith("synthetic.")) {
                    throw new PaperConfigException(key, "a replay account (" + REPLAY_FILE
                            + " is set) takes no synthetic.* keys: choose one market data source");
                }
            }
            Path file = Path.of(values.string(REPLAY_FILE, null));
            return new MarketSource.Replay(baseDir.resolve(file).normalize(),
                    symbol(values, REPLAY_SYMBOL, null),
                    values.interval(REPLAY_INTERVAL, Interval.M1),
                    values.nonNegative(REPLAY_SPEED, BigDecimal.ZERO));
        }
        for (String key : values.keys()) {
            if (key.startsWith("replay.")) {
                throw new PaperConfigException(key, "needs " + REPLAY_FILE
                        + " (without it the account runs a synthetic walk)");
            }
        }
        BigDecimal volatility = values.positive(SYNTHETIC_VOLATILITY, new BigDecimal("0.001"));
        if (volatility.compareTo(new BigDecimal("0.2")) > 0) {
            throw new PaperConfigException(SYNTHETIC_VOLATILITY,
                    "must be <= 0.2 (a fraction per candle), was " + volatility);
        }
        BigDecimal tick = values.positive(SYNTHETIC_TICK_SIZE, new BigDecimal("0.01"));
        BigDecimal startPrice = values.positive(SYNTHETIC_START_PRICE, new BigDecimal("30000"));
        if (startPrice.compareTo(tick) < 0) {
            throw new PaperConfigException(SYNTHETIC_START_PRICE, "must be at least the tick size "
                    + tick.toPlainString() + ", was " + startPrice.toPlainString());
        }
        return new MarketSource.Synthetic(symbol(values, SYNTHETIC_SYMBOL, "BTCUSDT"),
                values.interval(SYNTHETIC_INTERVAL, Interval.M1),
                values.integer(SYNTHETIC_SEED, 42), startPrice, tick, volatility.doubleValue(),
                values.instant(SYNTHETIC_START_TIME, DEFAULT_SYNTHETIC_START),
                // 60x a 1m interval: one candle a second, so the demo trades within seconds
                values.nonNegative(SYNTHETIC_SPEED, BigDecimal.valueOf(60)));
    }

    private static String symbol(ConfigValues values, String key, String fallback) {
        String symbol = fallback == null ? values.requiredString(key) : values.string(key, fallback);
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new PaperConfigException(key, "must be 1-40 characters of [A-Za-z0-9_-], was '"
                    + symbol + "'");
        }
        return symbol;
    }
}
