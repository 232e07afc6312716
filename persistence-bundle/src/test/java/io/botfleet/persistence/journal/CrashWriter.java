package io.botfleet.persistence.journal;

import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.store.BotProgress;
import io.botfleet.persistence.JdbcStores;
import io.botfleet.persistence.testing.Fixtures;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link CrashDurabilityTest}: writes candles with one order intent each for
 * 20 bots as fast as the journal takes them, and prints {@code COMMITTED <bot> <candle> <order>}
 * once each stage has completed, i.e. once the journal said it is durable. It never stops by
 * itself: the test kills it with SIGKILL.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        JdbcStores stores = JdbcStores.open(args[0], "", "", 4);
        out.println("READY");
        Semaphore inFlight = new Semaphore(2000);
        for (long candle = 1; ; candle++) {
            for (int b = 0; b < 20; b++) {
                String bot = "bot-" + b;
                String orderId = "b" + b + "-" + candle;
                BotProgress progress = Fixtures.progress(bot, candle, candle + 1);
                BotOrder intent = Fixtures.intent(bot, orderId);
                inFlight.acquire();
                long c = candle;
                stores.journal().commitCandle(progress, List.of(intent)).whenComplete((ok, failure) -> {
                    inFlight.release();
                    if (failure == null) {
                        out.println("COMMITTED " + bot + " " + c + " " + orderId);
                    }
                });
            }
        }
    }
}
