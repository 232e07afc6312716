package io.botfleet.persistence.backtest;

import io.botfleet.api.backtest.RunFill;
import io.botfleet.api.backtest.RunTrade;
import io.botfleet.api.exchange.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A run's fills and trades as pages of text, {@value #SIZE} items a page, one line an item, fields
 * separated by commas: decimals in their exact {@link BigDecimal#toString()} form (value and
 * scale), instants as epoch milliseconds (or ISO-8601 when finer than a millisecond). Page
 * {@code k} holds seq {@code k * SIZE + 1} to {@code (k + 1) * SIZE}: a run's items are numbered
 * 1, 2, 3... in order, which {@link #requireNumbered} checks before anything is written.
 */
final class ResultPages {

    /** Items per page. */
    static final int SIZE = 1_000;

    private ResultPages() {
    }

    /** The page holding {@code seq} (1-based). */
    static int pageOf(int seq) {
        return (seq - 1) / SIZE;
    }

    /** Throws unless the items' seqs are 1, 2, 3... in order. */
    static <T> void requireNumbered(List<T> items, ToIntFunction<T> seq, String what) {
        for (int i = 0; i < items.size(); i++) {
            int s = seq.applyAsInt(items.get(i));
            if (s != i + 1) {
                throw new IllegalArgumentException(what + " must be numbered 1, 2, 3... in order: item " + (i + 1)
                        + " has seq " + s);
            }
        }
    }

    static String fills(List<RunFill> fills) {
        StringBuilder out = new StringBuilder(fills.size() * 64);
        for (RunFill f : fills) {
            out.append(f.side() == OrderSide.BUY ? 'B' : 'S').append(',');
            decimal(out, f.qty());
            decimal(out, f.price());
            decimal(out, f.fee());
            text(out, f.feeCurrency());
            instant(out, f.time()).append(',');
            instant(out, f.candleTime()).append('\n');
        }
        return out.toString();
    }

    static String trades(List<RunTrade> trades) {
        StringBuilder out = new StringBuilder(trades.size() * 96);
        for (RunTrade t : trades) {
            text(out, t.direction());
            instant(out, t.entryTime()).append(',');
            instant(out, t.exitTime()).append(',');
            decimal(out, t.qty());
            decimal(out, t.entryPrice());
            decimal(out, t.exitPrice());
            decimal(out, t.pnl());
            decimal(out, t.fees());
            out.append(t.fills()).append('\n');
        }
        return out.toString();
    }

    /** The fills of a page whose first item is {@code firstSeq}. */
    static List<RunFill> readFills(String body, int firstSeq) {
        List<RunFill> out = new ArrayList<>();
        Fields f = new Fields(body);
        for (int seq = firstSeq; f.hasLine(); seq++) {
            String side = f.next();
            out.add(new RunFill(seq, side.equals("B") ? OrderSide.BUY : OrderSide.SELL, f.decimal(), f.decimal(),
                    f.decimal(), f.next(), f.instant(), f.instant()));
            f.endLine();
        }
        return out;
    }

    /** The trades of a page whose first item is {@code firstSeq}. */
    static List<RunTrade> readTrades(String body, int firstSeq) {
        List<RunTrade> out = new ArrayList<>();
        Fields f = new Fields(body);
        for (int seq = firstSeq; f.hasLine(); seq++) {
            out.add(new RunTrade(seq, f.next(), f.instant(), f.instant(), f.decimal(), f.decimal(), f.decimal(),
                    f.decimal(), f.decimal(), Integer.parseInt(f.next())));
            f.endLine();
        }
        return out;
    }

    private static void decimal(StringBuilder out, BigDecimal value) {
        out.append(value.toString()).append(',');
    }

    private static void text(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("'" + value + "' cannot be stored in a result page: it holds a"
                        + " comma or a line break");
            }
        }
        out.append(value).append(',');
    }

    private static StringBuilder instant(StringBuilder out, Instant t) {
        return t.getNano() % 1_000_000 == 0 ? out.append(t.toEpochMilli()) : out.append(t);
    }

    /** Reads a page's fields in order: each line's fields end with a comma, the last with the line. */
    private static final class Fields {

        private final String body;
        private int at;

        Fields(String body) {
            this.body = body;
        }

        boolean hasLine() {
            return at < body.length();
        }

        String next() {
            int end = at;
            while (end < body.length() && body.charAt(end) != ',' && body.charAt(end) != '\n') {
                end++;
            }
            String field = body.substring(at, end);
            at = end < body.length() && body.charAt(end) == ',' ? end + 1 : end;
            return field;
        }

        BigDecimal decimal() {
            return new BigDecimal(next());
        }

        Instant instant() {
            String field = next();
            return field.indexOf('T') >= 0 ? Instant.parse(field) : Instant.ofEpochMilli(Long.parseLong(field));
        }

        void endLine() {
            if (at >= body.length() || body.charAt(at) != '\n') {
                throw new IllegalStateException("a result page line has more fields than expected at " + at);
            }
            at++;
        }
    }
}
