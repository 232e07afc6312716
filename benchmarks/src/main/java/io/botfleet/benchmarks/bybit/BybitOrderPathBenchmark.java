package io.botfleet.benchmarks.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.exchange.bybit.Category;
import io.botfleet.exchange.bybit.mapping.BybitJson;
import io.botfleet.exchange.bybit.mapping.OrderMapper;
import io.botfleet.exchange.bybit.order.CreateOrderBody;
import io.botfleet.exchange.bybit.order.OrderPlacer;
import io.botfleet.exchange.bybit.sign.BybitSigner;
import io.botfleet.exchange.bybit.sign.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU time the Bybit adapter adds to one order, without the network: the create body built
 * and serialized, the exact bytes signed, the HTTP request assembled with its auth headers, and
 * the answer parsed into an ack — the same classes and calls {@code BybitRestClient} and
 * {@code OrderPlacer} use. SampleTime mode reports p50 / p99 / p99.9.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BybitOrderPathBenchmark</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BybitOrderPathBenchmark {

    private static final URI CREATE = URI.create("https://api.bybit.com/v5/order/create");
    private static final byte[] CREATE_ANSWER = ("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":"
            + "{\"orderId\":\"1321003749386327552\",\"orderLinkId\":\"bot-42-000017\"},"
            + "\"retExtInfo\":{},\"time\":1672211918471}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] ORDER_PUSH = ("{\"id\":\"5923240c6880ab-c59f-420b\",\"topic\":\"order\","
            + "\"creationTime\":1672364262474,\"data\":[{\"symbol\":\"BTCUSDT\",\"orderId\":"
            + "\"5cf98598-39a7-459e-97bf-76ca765ee020\",\"side\":\"Buy\",\"orderType\":\"Limit\","
            + "\"cancelType\":\"UNKNOWN\",\"price\":\"30000\",\"qty\":\"0.001\",\"orderIv\":\"\","
            + "\"timeInForce\":\"GTC\",\"orderStatus\":\"PartiallyFilled\",\"orderLinkId\":"
            + "\"bot-42-000017\",\"lastPriceOnCreated\":\"\",\"reduceOnly\":false,\"leavesQty\":"
            + "\"0.0005\",\"leavesValue\":\"15\",\"cumExecQty\":\"0.0005\",\"cumExecValue\":\"15\","
            + "\"avgPrice\":\"30000\",\"blockTradeId\":\"\",\"positionIdx\":0,\"cumExecFee\":"
            + "\"0.009\",\"closedPnl\":\"0\",\"createdTime\":\"1672364262444\",\"updatedTime\":"
            + "\"1672364262457\",\"rejectReason\":\"EC_NoError\",\"stopOrderType\":\"\",\"category\":"
            + "\"linear\",\"smpType\":\"None\",\"smpGroup\":0,\"smpOrderId\":\"\",\"feeCurrency\":\"\"}]}")
            .getBytes(StandardCharsets.UTF_8);

    private BybitSigner signer;
    private OrderRequest order;
    private long timestamp = 1_700_000_000_000L;

    @Setup
    public void setUp() {
        signer = new BybitSigner("bench-api-key-0123", Secret.of("bench-secret-abcdefghijklmnop"));
        order = new OrderRequest("bot-42-000017", "BTCUSDT", OrderSide.BUY, OrderType.LIMIT,
                new BigDecimal("0.001"), new BigDecimal("30000"), false);
    }

    /** Everything the adapter does for one order besides waiting for the network. */
    @Benchmark
    public OrderAck placeOrderPath() {
        ObjectNode body = CreateOrderBody.of(order, Category.LINEAR);
        byte[] bytes = BybitJson.bytes(body);
        long ts = timestamp++;
        String sign = signer.signRest(ts, "5000", new String(bytes, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(CREATE)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("X-BAPI-API-KEY", signer.apiKey())
                .header("X-BAPI-TIMESTAMP", Long.toString(ts))
                .header("X-BAPI-RECV-WINDOW", "5000")
                .header("X-BAPI-SIGN-TYPE", "2")
                .header("X-BAPI-SIGN", sign)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        JsonNode root = BybitJson.parse(CREATE_ANSWER);
        if (root.path("retCode").asInt(-1) != 0 || request.bodyPublisher().isEmpty()) {
            throw new IllegalStateException("unexpected answer");
        }
        return OrderPlacer.ack(order, root.path("result"));
    }

    /** Signing alone: HMAC-SHA256 over a typical create body. */
    @Benchmark
    public String signOnly() {
        return signer.signRest(timestamp++, "5000", "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\","
                + "\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.001\",\"price\":\"30000\","
                + "\"timeInForce\":\"GTC\",\"orderLinkId\":\"bot-42-000017\"}");
    }

    /** An order push from the private stream, parsed and mapped. */
    @Benchmark
    public ExchangeOrder orderPushPath() {
        return OrderMapper.order(BybitJson.parse(ORDER_PUSH).path("data").get(0));
    }
}
