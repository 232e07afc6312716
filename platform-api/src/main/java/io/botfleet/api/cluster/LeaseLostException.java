package io.botfleet.api.cluster;

import io.botfleet.api.store.StoreException;

/**
 * A journal write of a bot was refused because this node no longer holds the bot's lease with the
 * epoch it ran the bot under (another node took it, or this node never held it): nothing of the
 * write was committed, so no order of it may be sent. The bot stands down.
 */
public class LeaseLostException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String botId;

    public LeaseLostException(String botId, String message) {
        super(message);
        this.botId = botId;
    }

    /** The bot whose lease this node lost. */
    public String botId() {
        return botId;
    }
}
