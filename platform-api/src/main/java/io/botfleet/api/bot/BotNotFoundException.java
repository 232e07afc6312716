package io.botfleet.api.bot;

/** No bot (or no strategy version, or no deployment) with the given id exists. */
public class BotNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BotNotFoundException(String message) {
        super(message);
    }
}
