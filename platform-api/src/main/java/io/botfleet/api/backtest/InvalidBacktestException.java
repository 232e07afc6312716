package io.botfleet.api.backtest;

/** A backtest request is invalid; {@link #field()} names the offending field (dotted path). */
public class InvalidBacktestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidBacktestException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    /** The offending field as a dotted path of the request JSON, e.g. {@code data.from}. */
    public String field() {
        return field;
    }

    /** The message without the field. */
    public String reason() {
        String message = getMessage();
        return message.startsWith(field + " ") ? message.substring(field.length() + 1) : message;
    }
}
