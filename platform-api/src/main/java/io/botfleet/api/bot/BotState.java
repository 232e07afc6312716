package io.botfleet.api.bot;

/**
 * Where a bot is in its life. See docs/architecture.md: {@code CREATED → STARTING → RUNNING ⇄ PAUSED →
 * STOPPING → STOPPED}, plus SUSPENDED (its strategy version or exchange account is unavailable:
 * no new orders, state kept, resumes by itself) and FAILED (the watchdog restarts it with backoff
 * up to a limit).
 */
public enum BotState {
    CREATED, STARTING, RUNNING, PAUSED, SUSPENDED, STOPPING, STOPPED, FAILED;

    /** True while the bot holds a strategy instance and a market-data subscription. */
    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == PAUSED;
    }
}
