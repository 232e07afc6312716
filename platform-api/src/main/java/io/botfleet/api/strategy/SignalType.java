package io.botfleet.api.strategy;

/** What a strategy wants the bot's position to do. */
public enum SignalType {
    ENTER_LONG, EXIT_LONG, ENTER_SHORT, EXIT_SHORT;

    /** True for signals that open or add to a position (refused while a bot is PAUSED). */
    public boolean isEntry() {
        return this == ENTER_LONG || this == ENTER_SHORT;
    }
}
