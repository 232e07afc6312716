package io.botfleet.persistence.journal;

import static io.botfleet.persistence.testing.Fixtures.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.bot.BotOrder;
import io.botfleet.api.store.BotProgress;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.persistence.testing.Fixtures;
import io.botfleet.persistence.testing.StoreTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class GroupCommitTest extends StoreTestBase {

    /**
     * Holds a row lock from another connection so that the writer blocks on its first write while
     * the rest queue up: they then share one batch for certain, and the bad one among them must
     * fail alone.
     */
    @Test
    public void oneBadWriteInABatchFailsAloneAndTheOthersCommit() throws Exception {
        JdbcBotJournal journal = stores.journal();
        await(journal.commitCandle(Fixtures.progress("blocker", 1, 1), List.of()));
        await(journal.commitCandle(Fixtures.progress("bot-x", 1, 2), List.of(Fixtures.intent("bot-x", "taken"))));
        JournalStats before = journal.stats();

        List<CompletionStage<Void>> stages = new ArrayList<>();
        CompletionStage<Void> blocked;
        try (Connection lock = target.connect()) {
            lock.setAutoCommit(false);
            try (PreparedStatement st = lock.prepareStatement("UPDATE bot_progress SET candles = 99 WHERE bot_id = ?")) {
                st.setString(1, "blocker");
                assertEquals(1, st.executeUpdate());
            }
            blocked = journal.commitCandle(Fixtures.progress("blocker", 2, 1), List.of());
            Thread.sleep(300); // the writer takes the blocked write and waits for the lock
            for (int i = 0; i < 50; i++) {
                String clientOrderId = i == 25 ? "taken" : "ok-" + i;
                stages.add(journal.commitCandle(Fixtures.progress("bot-" + i, 1, 2),
                        List.of(Fixtures.intent("bot-" + i, clientOrderId))));
            }
            lock.rollback();
        }
        await(blocked);
        for (int i = 0; i < stages.size(); i++) {
            if (i == 25) {
                int index = i;
                ExecutionException e = assertThrows(ExecutionException.class, () -> await(stages.get(index)));
                assertTrue(e.getCause().toString(), e.getCause() instanceof StoreConflictException);
            } else {
                await(stages.get(i));
                assertEquals("ok-" + i, journal.orders("bot-" + i, false, 10).get(0).clientOrderId());
            }
        }
        assertTrue(journal.progress("bot-25").isEmpty());
        assertEquals("bot-x", journal.order("taken").orElseThrow().botId());
        JournalStats after = journal.stats();
        assertEquals("the batch was retried one by one", before.retriedBatches() + 1, after.retriedBatches());
    }

    /**
     * A bot's candle commits that share one batch (held together behind a row lock) write only the
     * last progress row, yet every intent, and the committed state is the newest progress.
     */
    @Test
    public void candleCommitsOfOneBatchKeepTheNewestProgressAndEveryIntent() throws Exception {
        JdbcBotJournal journal = stores.journal();
        await(journal.commitCandle(Fixtures.progress("blocker", 1, 1), List.of()));
        List<CompletionStage<Void>> stages = new ArrayList<>();
        CompletionStage<Void> blocked;
        try (Connection lock = target.connect()) {
            lock.setAutoCommit(false);
            try (PreparedStatement st = lock.prepareStatement("UPDATE bot_progress SET candles = 99 WHERE bot_id = ?")) {
                st.setString(1, "blocker");
                assertEquals(1, st.executeUpdate());
            }
            blocked = journal.commitCandle(Fixtures.progress("blocker", 2, 1), List.of());
            Thread.sleep(300); // the writer waits for the lock while the rest queue into one batch
            for (int c = 1; c <= 40; c++) {
                List<BotOrder> intents = c % 10 == 0 ? List.of(Fixtures.intent("fast", "fast-" + c)) : List.of();
                stages.add(journal.commitCandle(Fixtures.progress("fast", c, c / 10 + 1), intents));
            }
            lock.rollback();
        }
        await(blocked);
        for (CompletionStage<Void> stage : stages) {
            await(stage);
        }
        assertEquals(40, journal.progress("fast").orElseThrow().counters().candles());
        assertEquals(4, journal.orders("fast", false, 100).size());
    }

    /** 50 threads, each driving 4 bots; every bot's writes must apply and complete in order. */
    @Test
    public void manyConcurrentBotsKeepTheirOwnOrder() throws Exception {
        JdbcBotJournal journal = stores.journal();
        int threads = 50;
        int botsPerThread = 4;
        int candles = 25;
        Map<String, List<Long>> completionOrder = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<CompletionStage<Void>>>> submitted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            submitted.add(pool.submit(() -> {
                start.await();
                List<CompletionStage<Void>> stages = new ArrayList<>();
                for (int c = 1; c <= candles; c++) {
                    for (int b = 0; b < botsPerThread; b++) {
                        String bot = "bot-" + thread + "-" + b;
                        long candle = c;
                        List<Long> seen = completionOrder.computeIfAbsent(bot, k -> new CopyOnWriteArrayList<>());
                        BotProgress progress = Fixtures.progress(bot, c, c + 1);
                        BotOrder intent = Fixtures.intent(bot, "t" + thread + "b" + b + "c" + c);
                        stages.add(journal.commitCandle(progress, List.of(intent))
                                .thenRun(() -> seen.add(candle)));
                        stages.add(journal.appendEvent(new BotEvent(bot, Fixtures.T0.plusSeconds(c),
                                BotEvent.Type.LIFECYCLE, Long.toString(candle))));
                    }
                }
                return stages;
            }));
        }
        start.countDown();
        for (Future<List<CompletionStage<Void>>> f : submitted) {
            for (CompletionStage<Void> stage : f.get(60, TimeUnit.SECONDS)) {
                await(stage);
            }
        }
        pool.shutdown();

        assertEquals(threads * botsPerThread, completionOrder.size());
        for (Map.Entry<String, List<Long>> bot : completionOrder.entrySet()) {
            List<Long> expected = new ArrayList<>();
            for (long c = 1; c <= candles; c++) {
                expected.add(c);
            }
            assertEquals("completion order of " + bot.getKey(), expected, bot.getValue());
            BotProgress last = journal.progress(bot.getKey()).orElseThrow();
            assertEquals(candles, last.counters().candles());
            assertEquals(candles, journal.orders(bot.getKey(), false, 1000).size());
            List<String> events = journal.events(bot.getKey(), 1000).stream().map(BotEvent::message).toList();
            for (int i = 0; i < candles; i++) {
                assertEquals("events of " + bot.getKey() + " newest first", Long.toString(candles - i), events.get(i));
            }
        }
        JournalStats stats = journal.stats();
        assertTrue("group commit shares commits: " + stats, stats.writes() > stats.commits());
    }
}
