package io.botfleet.api.bot;

/**
 * The request is refused in the bot's current state: an illegal transition, an existing id, a
 * refused swap. The message says why, e.g. "bot btc-1 is STOPPED; resume needs PAUSED".
 */
public class BotConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BotConflictException(String message) {
        super(message);
    }
}
