package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.bot.json.BotConfigJson;
import io.botfleet.api.dataset.CandleDatasetService;
import io.botfleet.api.dataset.CandleDownload;
import io.botfleet.api.dataset.CandleDownloadRequest;
import io.botfleet.api.dataset.DatasetBusyException;
import io.botfleet.api.dataset.DatasetKey;
import io.botfleet.api.dataset.DatasetSummary;
import io.botfleet.api.dataset.UploadTooLargeException;
import io.botfleet.api.market.CandleCsvException;
import io.botfleet.api.market.Interval;
import io.botfleet.api.store.Role;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Candle datasets for backtests: {@code GET /v1/candles} (each dataset, with its last download),
 * {@code PUT /v1/candles/{exchange}/{symbol}/{interval}} (a CSV body, streamed, optionally
 * gzip-encoded), {@code DELETE} of one, and {@code POST /v1/candles/downloads} (a download from an
 * exchange account, in the background).
 */
public final class CandleRoutes {

    private static final Set<String> CSV_TYPES = Set.of("text/csv");
    private static final Set<String> DOWNLOAD_FIELDS = Set.of("exchange", "account", "symbol", "interval", "from",
            "to");

    private final CandleDatasetService datasets;

    public CandleRoutes(CandleDatasetService datasets) {
        this.datasets = datasets;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/candles", Role.VIEWER, r -> Reply.ok(list())),
                new Route("PUT", "/v1/candles/{exchange}/{symbol}/{interval}", Role.OPERATOR, this::put),
                new Route("DELETE", "/v1/candles/{exchange}/{symbol}/{interval}", Role.ADMIN, this::delete),
                new Route("POST", "/v1/candles/downloads", Role.OPERATOR, this::download));
    }

    private ArrayNode list() throws IOException {
        Map<String, ObjectNode> byKey = new TreeMap<>();
        for (DatasetSummary s : datasets.list()) {
            byKey.put(s.key().toString(), dataset(s));
        }
        for (CandleDownload d : datasets.downloads()) {
            DatasetKey key = d.request().key();
            byKey.computeIfAbsent(key.toString(), k -> dataset(new DatasetSummary(key, null, null, 0, 0)))
                    .set("download", download(d));
        }
        ArrayNode out = JsonMapper.MAPPER.createArrayNode();
        byKey.values().forEach(out::add);
        return out;
    }

    private Reply put(ApiRequest r) throws IOException {
        DatasetKey key = key(r);
        r.auditTarget(key.toString());
        r.requireContentType(CSV_TYPES, false);
        long limit = datasets.maxUploadBytes();
        DatasetSummary stored;
        try (InputStream body = decoded(r, new ClientBody(r.body(limit)))) {
            stored = datasets.put(key, body);
        } catch (CandleCsvException e) {
            // "high on line 3: 99 is below low 101; ..." or, for a line wrong as a whole, "line 3: has 5 fields ..."
            throw ApiException.invalid(e.field(), (e.field() == null ? "line " : "on line ") + e.line() + ": "
                    + e.reason() + "; nothing was stored");
        } catch (UploadTooLargeException | LimitedInputStream.TooLarge e) {
            throw ApiException.of(413, "payload-too-large", "Payload too large", "the CSV exceeds the limit of "
                    + limit + " bytes (uncompressed); nothing was stored");
        } catch (ZipException e) {
            throw ApiException.malformed("the body is not valid gzip (" + e.getMessage() + "); nothing was stored");
        } catch (DatasetBusyException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (ClientBody.Cut e) {
            throw ApiException.malformed("the upload could not be read to its end (" + e.getCause()
                    + "); nothing was stored");
        }
        r.auditDetail(stored.candles() + " candles");
        return Reply.ok(dataset(stored));
    }

    /** The body as CSV bytes: as sent, or inflated for {@code Content-Encoding: gzip}. */
    private static InputStream decoded(ApiRequest r, InputStream body) throws IOException {
        String encoding = r.servletRequest().getHeader("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return body;
        }
        if (encoding.trim().equalsIgnoreCase("gzip")) {
            try {
                return new GZIPInputStream(body, 1 << 16);
            } catch (ZipException | EOFException e) {
                body.close();
                throw ApiException.malformed("the body is not valid gzip; nothing was stored");
            }
        }
        body.close();
        throw ApiException.unsupportedMediaType("Content-Encoding " + ApiRequest.safe(encoding)
                + " is not accepted; send the CSV as it is or gzip-encoded");
    }

    private Reply delete(ApiRequest r) throws IOException {
        DatasetKey key = key(r);
        r.auditTarget(key.toString());
        try {
            if (!datasets.delete(key)) {
                throw ApiException.notFound("no dataset " + key);
            }
        } catch (DatasetBusyException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return Reply.noContent();
    }

    private Reply download(ApiRequest r) {
        CandleDownloadRequest request = downloadRequest(r.json());
        r.auditTarget(request.key().toString());
        r.auditDetail("from " + request.exchange() + "/" + request.account() + ", " + request.from() + " to "
                + request.to());
        CandleDownload started;
        try {
            started = datasets.download(request);
        } catch (DatasetBusyException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("account", e.getMessage());
        }
        ObjectNode body = download(started);
        return new Reply(202, body, null);
    }

    private static CandleDownloadRequest downloadRequest(JsonNode root) {
        BotJson.requireObject(root, "body");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!DOWNLOAD_FIELDS.contains(name)) {
                throw ApiException.invalid(ApiRequest.safe(name), "is not a known field");
            }
        }
        String exchange = text(root, "exchange");
        String account = text(root, "account");
        String symbol = text(root, "symbol");
        Interval interval;
        try {
            interval = Interval.parse(text(root, "interval"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("interval", e.getMessage());
        }
        Instant from = instant(root, "from");
        Instant to = instant(root, "to");
        try {
            new DatasetKey(exchange, symbol, interval);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage().startsWith("exchange") ? "exchange" : "symbol", e.getMessage()
                    .replaceFirst("^(exchange|symbol) ", ""));
        }
        if (!from.isBefore(to)) {
            throw ApiException.invalid("to", "must be after from");
        }
        return new CandleDownloadRequest(exchange, account, symbol, interval, from, to);
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw ApiException.invalid(name, "is required");
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(name, "must be a string, was " + BotConfigJson.kindOf(node));
        }
        return node.textValue();
    }

    private static Instant instant(JsonNode root, String name) {
        String raw = text(root, name);
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 UTC time such as 2025-01-01T00:00:00Z, was '"
                    + ApiRequest.safe(raw) + "'");
        }
    }

    private static DatasetKey key(ApiRequest r) {
        String exchange = r.path("exchange");
        String symbol = r.path("symbol");
        Interval interval;
        try {
            interval = Interval.parse(r.path("interval"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("interval", e.getMessage());
        }
        try {
            return new DatasetKey(exchange, symbol, interval);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("exchange") ? "exchange" : "symbol";
            throw ApiException.invalid(field, ApiRequest.safe(e.getMessage().substring(field.length() + 1)));
        }
    }

    static ObjectNode dataset(DatasetSummary s) {
        ObjectNode n = ApiViews.object();
        n.put("exchange", s.key().exchange());
        n.put("symbol", s.key().symbol());
        n.put("interval", s.key().interval().code());
        ApiViews.time(n, "from", s.from());
        ApiViews.time(n, "to", s.to());
        n.put("candles", s.candles());
        n.put("gaps", s.gaps());
        return n;
    }

    static ObjectNode download(CandleDownload d) {
        CandleDownloadRequest q = d.request();
        ObjectNode n = ApiViews.object();
        n.put("exchange", q.exchange());
        n.put("account", q.account());
        n.put("symbol", q.symbol());
        n.put("interval", q.interval().code());
        ApiViews.time(n, "from", q.from());
        ApiViews.time(n, "to", q.to());
        n.put("state", d.state().name());
        ApiViews.time(n, "next", d.next());
        n.put("candles", d.candles());
        n.put("error", d.error());
        ApiViews.time(n, "updatedAt", d.updatedAt());
        return n;
    }

    /**
     * The request body, its read failures told apart from the server's own (a cut upload is the
     * client's doing, a 400, not a 500 with a stack trace); the size limit passes through.
     */
    private static final class ClientBody extends FilterInputStream {

        static final class Cut extends IOException {
            private static final long serialVersionUID = 1L;

            Cut(IOException cause) {
                super(cause.getMessage(), cause);
            }
        }

        ClientBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (LimitedInputStream.TooLarge e) {
                throw e;
            } catch (IOException e) {
                throw new Cut(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (LimitedInputStream.TooLarge e) {
                throw e;
            } catch (IOException e) {
                throw new Cut(e);
            }
        }
    }
}
