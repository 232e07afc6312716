package io.botfleet.api.bot;

/** A bot configuration is invalid; {@link #field()} names the offending field (dotted path). */
public class InvalidBotConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidBotConfigException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    /** The offending field as a dotted path of the {@code BotConfig} JSON, e.g. {@code risk.orderQty}. */
    public String field() {
        return field;
    }
}
