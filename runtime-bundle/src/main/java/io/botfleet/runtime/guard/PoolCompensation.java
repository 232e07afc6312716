package io.botfleet.runtime.guard;

import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pool's working capacity while some of its threads are stuck in abandoned calls: one
 * extra thread for each, given back when the stuck thread returns. Capped, so a strategy that hangs
 * on every restart cannot grow the pool without bound.
 */
public final class PoolCompensation {

    private static final Logger LOG = LoggerFactory.getLogger(PoolCompensation.class);

    private final ThreadPoolExecutor pool;
    private final int base;
    private final int maxExtra;
    private int extra;

    public PoolCompensation(ThreadPoolExecutor pool, int maxExtra) {
        this.pool = pool;
        this.base = pool == null ? 0 : pool.getCorePoolSize();
        this.maxExtra = maxExtra;
    }

    /**
     * No compensation: for callers whose threads are not a shared pool's (a backtest's run thread
     * waits for its stuck call to be stopped; its run has failed by then).
     */
    public static PoolCompensation none() {
        return new PoolCompensation(null, 0);
    }

    /** A thread of the pool is stuck: add one. */
    public synchronized void threadLost() {
        if (pool == null) {
            return;
        }
        if (extra == maxExtra) {
            LOG.error("{} pool threads are stuck in abandoned strategy calls; not adding more", extra);
            return;
        }
        extra++;
        pool.setMaximumPoolSize(base + extra); // grow the maximum first: core may never exceed it
        pool.setCorePoolSize(base + extra);
    }

    /** A stuck thread came back: the extra one is no longer needed. */
    public synchronized void threadReturned() {
        if (pool == null || extra == 0) {
            return;
        }
        extra--;
        pool.setCorePoolSize(base + extra); // shrink core first; surplus idle threads then end
        pool.setMaximumPoolSize(base + extra);
    }

    /** Extra threads standing in for stuck ones. */
    public synchronized int extraThreads() {
        return extra;
    }
}
