package io.botfleet.exchange.paper;

import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import io.botfleet.api.exchange.ExchangeOrder;
import io.botfleet.api.exchange.Execution;
import io.botfleet.api.exchange.OrderType;
import io.botfleet.api.exchange.OrderUpdateListener;
import io.botfleet.api.exchange.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A paper account's durable ledger: every change to its orders and balances is an
 * {@link AccountEvent} written to its journal before it is applied to the {@link Account} and
 * told to the order listeners. Opening replays the journal (and repairs what a torn write left).
 * Apart from the market ({@link MarketFeed}). Used on the account's thread only.
 */
final class AccountLedger implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AccountLedger.class.getName());

    private final String accountName;
    private final Account account;
    private final Journal journal;
    private final List<OrderUpdateListener> orderListeners = new CopyOnWriteArrayList<>();
    /** Why the journal takes no more writes, or null while it does. */
    private volatile String failure;

    private AccountLedger(String accountName, Account account, Journal journal) {
        this.accountName = accountName;
        this.account = account;
        this.journal = journal;
    }

    /**
     * Replays the journal in {@code accountDir} into {@code account}; a new account opens with its
     * configured deposit.
     *
     * @throws UncheckedIOException  when the journal cannot be opened, read or is in use
     * @throws IllegalStateException when the journal holds a line that cannot be read
     */
    static AccountLedger open(Path accountDir, PaperConfig config, Account account) {
        Journal opened;
        try {
            opened = Journal.open(accountDir, config.fsync());
        } catch (IOException e) {
            throw new UncheckedIOException("paper account " + config.account()
                    + ": cannot open its journal: " + e.getMessage(), e);
        }
        try {
            List<String> lines = opened.lines();
            for (int i = 0; i < lines.size(); i++) {
                try {
                    account.apply(JournalCodec.decode(lines.get(i)));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(opened.file() + " line " + (i + 1)
                            + " cannot be read (" + e.getMessage() + "); the account is not"
                            + " opened rather than opened wrong", e);
                }
            }
            List<AccountEvent> repairs = new ArrayList<>();
            if (!account.isOpened()) {
                repairs.add(new AccountEvent.Opened(Instant.now(), config.initialBalances()));
            } else if (!account.openingBalances().equals(config.initialBalances())) {
                LOG.log(Level.INFO, "paper account {0}: balance.* differ from the deposit it was"
                        + " opened with {1}; its journal wins (delete {2} to start afresh)",
                        config.account(), account.openingBalances(), accountDir);
            }
            for (PaperOrder order : account.openOrders()) {
                if (order.type == OrderType.MARKET) {
                    // only a torn journal leaves a market order without its fill
                    repairs.add(new AccountEvent.Cancelled(order.orderId,
                            "interrupted before its fill was recorded", order.updatedAt));
                }
            }
            if (!repairs.isEmpty()) {
                opened.append(repairs.stream().map(JournalCodec::encode).toList());
                repairs.forEach(account::apply);
            }
            return new AccountLedger(config.account(), account, opened);
        } catch (IOException | RuntimeException e) {
            try {
                opened.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Why the ledger takes no more changes (a journal write failed), or null. */
    String failure() {
        return failure;
    }

    Subscription subscribe(OrderUpdateListener listener) {
        orderListeners.add(listener);
        return () -> orderListeners.remove(listener);
    }

    /** Journals events, applies them, then tells the order listeners. */
    void record(List<AccountEvent> events) {
        if (failure != null) {
            throw new ExchangeException(ErrorKind.TRANSIENT, "", "paper account "
                    + accountName + " is not accepting changes: " + failure);
        }
        try {
            journal.append(events.stream().map(JournalCodec::encode).toList());
        } catch (IOException e) {
            failure = "journal write failed: " + e.getMessage();
            LOG.log(Level.ERROR, "paper account " + accountName + ": " + failure, e);
            throw new ExchangeException(ErrorKind.UNKNOWN_OUTCOME, "", failure);
        }
        Map<String, PaperOrder> touched = new LinkedHashMap<>();
        List<Execution> executions = new ArrayList<>();
        for (AccountEvent event : events) {
            account.apply(event);
            String orderId = orderIdOf(event);
            if (orderId != null) {
                touched.put(orderId, null);
            }
            if (event instanceof AccountEvent.Filled) {
                List<Execution> all = account.executions();
                executions.add(all.get(all.size() - 1));
            }
        }
        for (Execution execution : executions) {
            for (OrderUpdateListener listener : orderListeners) {
                notify(() -> listener.onExecution(execution));
            }
        }
        for (String orderId : touched.keySet()) {
            ExchangeOrder view = account.order(orderId).view();
            for (OrderUpdateListener listener : orderListeners) {
                notify(() -> listener.onOrderUpdate(view));
            }
        }
    }

    @Override
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "paper account " + accountName + ": closing the journal failed", e);
        }
    }

    private static String orderIdOf(AccountEvent event) {
        if (event instanceof AccountEvent.Accepted e) {
            return e.orderId();
        } else if (event instanceof AccountEvent.Rejected e) {
            return e.orderId();
        } else if (event instanceof AccountEvent.Filled e) {
            return e.orderId();
        } else if (event instanceof AccountEvent.Cancelled e) {
            return e.orderId();
        }
        return null;
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "paper account " + accountName + ": an order listener failed", e);
        }
    }
}
