package io.botfleet.exchange.bybit;

import io.botfleet.api.exchange.OrderAck;
import io.botfleet.api.exchange.OrderRequest;
import io.botfleet.api.exchange.OrderSide;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.exchange.bybit.fake.FakeBybit;
import io.botfleet.exchange.bybit.fake.RequestLog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Measures how many orders per second one account places against the fake Bybit while its
 * limiter holds the 10/s linear limit, and checks at the server that no rolling second saw more.
 * Kept with the fake server (test scope) so that the fake lives in one place. Run:
 *
 * <pre>
 * mvn -pl exchange-bybit-bundle -Dbotfleet.target=target-bybit test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp exchange-bybit-bundle/target-bybit/classes:exchange-bybit-bundle/target-bybit/test-classes:$(cat /tmp/cp.txt) \
 *      io.botfleet.exchange.bybit.OrderRateDriver [orders] [bots]
 * </pre>
 */
public final class OrderRateDriver {

    private OrderRateDriver() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int bots = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (FakeBybit fake = FakeBybit.start();
             BybitExchangeAdapter adapter = new BybitExchangeAdapter(
                     Fixture.settings(fake, Category.LINEAR)
                             .tuning(BybitSettings.Tuning.defaults()).build())) {
            // warm-up outside the measurement (JIT, connections, clock sync)
            for (int i = 0; i < 10; i++) {
                Fixture.await(adapter.place(order("warm-" + i)));
            }
            Thread.sleep(1100);
            fake.log().clear();
            List<CompletableFuture<OrderAck>> acks = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < orders; i++) { // every bot fires at once: the limiter must queue
                acks.add(adapter.place(order("bot" + (i % bots) + "-" + i)).toCompletableFuture());
            }
            long submitMicros = (System.nanoTime() - start) / 1000;
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            List<RequestLog.Entry> creates = fake.log().matching(e -> e.path().equals("/v5/order/create"));
            long span = creates.get(creates.size() - 1).arrivalNanos() - creates.get(0).arrivalNanos();
            int maxWindow = fake.log().maxInAnyWindow(FakeBybit.KEY, "order", 1000);
            long rejected = creates.stream().filter(e -> e.retCode() != 0).count();
            System.out.printf("orders=%d bots=%d submitted in %d us (caller never blocked)%n", orders,
                    bots, submitMicros);
            System.out.printf("all acked after %d ms; server saw %d creates, %d refused%n", elapsedMs,
                    creates.size(), rejected);
            System.out.printf("sustained rate: %.2f orders/s (first to last arrival); "
                    + "max in any 1 s window at the server: %d (limit 10)%n",
                    (creates.size() - 1) * 1e9 / span, maxWindow);
            if (maxWindow > 10 || rejected > 0 || fake.account().orders().size() != orders + 10) {
                throw new IllegalStateException("limit exceeded or orders lost");
            }
        }
    }

    private static OrderRequest order(String id) {
        return new OrderRequest(id, "BTCUSDT", OrderSide.BUY, OrderType.LIMIT, new BigDecimal("0.001"),
                new BigDecimal("25000"), false);
    }
}
