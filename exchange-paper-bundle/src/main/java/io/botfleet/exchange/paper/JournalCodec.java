package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event per line of text: a type, then space-separated {@code key=value} pairs, values
 * percent-encoded where they hold a space, '=', '%' or a line break. Readable with {@code less}
 * and {@code grep}, which is what an operator reaches for when reconciling by hand.
 *
 * <pre>
 * OPEN time=2024-01-01T00:00:00Z balance.USDT=10000
 * NEW cid=bot1-1 oid=P1 symbol=BTCUSDT side=BUY type=MARKET qty=0.01 base=BTC quote=USDT time=...
 * FILL exec=E1 oid=P1 qty=0.01 price=30000.00 fee=0.3 time=...
 * REJECTED cid=bot1-2 oid=P2 ... reason=insufficient%20balance...
 * CANCEL oid=P3 reason=cancelled%20by%20client time=...
 * </pre>
 */
final class JournalCodec {

    private JournalCodec() {
    }

    static String encode(AccountEvent event) {
        Map<String, String> f = new LinkedHashMap<>();
        String type;
        if (event instanceof AccountEvent.Opened e) {
            type = "OPEN";
            f.put("time", e.time().toString());
            new TreeMap<>(e.balances()).forEach((coin, amount) ->
                    f.put("balance." + coin, amount.toPlainString()));
        } else if (event instanceof AccountEvent.Accepted e) {
            type = "NEW";
            putOrder(f, e.clientOrderId(), e.orderId(), e.symbol(), e.side(), e.type(), e.qty(), e.price());
            f.put("base", e.baseCoin());
            f.put("quote", e.quoteCoin());
            f.put("time", e.time().toString());
        } else if (event instanceof AccountEvent.Rejected e) {
            type = "REJECTED";
            putOrder(f, e.clientOrderId(), e.orderId(), e.symbol(), e.side(), e.type(), e.qty(), e.price());
            f.put("reason", e.reason());
            f.put("time", e.time().toString());
        } else if (event instanceof AccountEvent.Filled e) {
            type = "FILL";
            f.put("exec", e.execId());
            f.put("oid", e.orderId());
            f.put("qty", e.qty().toPlainString());
            f.put("price", e.price().toPlainString());
            f.put("fee", e.fee().toPlainString());
            f.put("time", e.time().toString());
            f.put("at", e.recordedAt().toString());
        } else if (event instanceof AccountEvent.Cancelled e) {
            type = "CANCEL";
            f.put("oid", e.orderId());
            f.put("reason", e.reason());
            f.put("time", e.time().toString());
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
        StringBuilder line = new StringBuilder(type);
        f.forEach((key, value) -> line.append(' ').append(key).append('=').append(escape(value)));
        return line.toString();
    }

    /** @throws IllegalArgumentException saying what is wrong with the line */
    static AccountEvent decode(String line) {
        String[] parts = line.split(" ");
        Fields f = new Fields();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not key=value");
            }
            f.values.put(parts[i].substring(0, eq), unescape(parts[i].substring(eq + 1)));
        }
        switch (parts[0]) {
            case "OPEN": {
                Map<String, BigDecimal> balances = new TreeMap<>();
                f.values.forEach((key, value) -> {
                    if (key.startsWith("balance.")) {
                        balances.put(key.substring("balance.".length()), f.decimal(key));
                    }
                });
                return new AccountEvent.Opened(f.time(), balances);
            }
            case "NEW":
                return new AccountEvent.Accepted(f.text("cid"), f.text("oid"), f.text("symbol"),
                        OrderSide.valueOf(f.text("side")), OrderType.valueOf(f.text("type")),
                        f.decimal("qty"), f.optionalDecimal("price"), f.text("base"),
                        f.text("quote"), f.time());
            case "REJECTED":
                return new AccountEvent.Rejected(f.text("cid"), f.text("oid"), f.text("symbol"),
                        OrderSide.valueOf(f.text("side")), OrderType.valueOf(f.text("type")),
                        f.decimal("qty"), f.optionalDecimal("price"), f.text("reason"), f.time());
            case "FILL":
                return new AccountEvent.Filled(f.text("exec"), f.text("oid"), f.decimal("qty"),
                        f.decimal("price"), f.decimal("fee"), f.time(),
                        Instant.parse(f.text("at")));
            case "CANCEL":
                return new AccountEvent.Cancelled(f.text("oid"), f.text("reason"), f.time());
            default:
                throw new IllegalArgumentException("unknown event type '" + parts[0] + "'");
        }
    }

    /** The fields an accepted and a rejected order share, in the journal's column order. */
    private static void putOrder(Map<String, String> f, String clientOrderId, String orderId, String symbol,
                                 OrderSide side, OrderType type, BigDecimal qty, BigDecimal price) {
        f.put("cid", clientOrderId);
        f.put("oid", orderId);
        f.put("symbol", symbol);
        f.put("side", side.name());
        f.put("type", type.name());
        f.put("qty", qty.toPlainString());
        putIfPresent(f, "price", price);
    }

    private static void putIfPresent(Map<String, String> fields, String key, BigDecimal value) {
        if (value != null) {
            fields.put(key, value.toPlainString());
        }
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c <= ' ' || c == '=' || c == '%' || c >= 0x7f) {
                out.append('%').append(String.format("%02X", b & 0xff));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("truncated escape in '" + value + "'");
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final class Fields {
        final Map<String, String> values = new LinkedHashMap<>();

        String text(String key) {
            String value = values.get(key);
            if (value == null) {
                throw new IllegalArgumentException("missing " + key);
            }
            return value;
        }

        BigDecimal decimal(String key) {
            return new BigDecimal(text(key));
        }

        BigDecimal optionalDecimal(String key) {
            return values.containsKey(key) ? decimal(key) : null;
        }

        Instant time() {
            return Instant.parse(text("time"));
        }
    }
}
