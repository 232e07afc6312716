package io.botfleet.runtime.guard;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.sun.management.ThreadMXBean;

/**
 * Bytes a thread has allocated so far, from HotSpot's {@code com.sun.management.ThreadMXBean};
 * -1 where the JVM does not offer it (the allocation limit is then off, the time limit still on).
 */
final class ThreadAllocation {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadAllocation.class);

    private final ThreadMXBean threads;

    private ThreadAllocation(ThreadMXBean threads) {
        this.threads = threads;
    }

    static ThreadAllocation create() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean hotspot
                    && hotspot.isThreadAllocatedMemorySupported()) {
                hotspot.setThreadAllocatedMemoryEnabled(true);
                return new ThreadAllocation(hotspot);
            }
        } catch (LinkageError | UnsupportedOperationException e) {
            LOG.debug("per-thread allocation figures unavailable", e);
        }
        LOG.warn("this JVM does not count allocation per thread: the strategy allocation limit is off");
        return new ThreadAllocation(null);
    }

    long of(Thread thread) {
        return threads == null ? -1 : threads.getThreadAllocatedBytes(thread.getId());
    }
}
