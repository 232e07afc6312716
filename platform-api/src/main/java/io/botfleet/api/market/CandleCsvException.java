package io.botfleet.api.market;

/**
 * A line of a candle CSV that cannot be read: which source, which line (1 is the header), which
 * field ({@code null} when the line as a whole is wrong) and why.
 */
public final class CandleCsvException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;
    private final String reason;

    public CandleCsvException(String source, int line, String field, String reason) {
        super(source + ":" + line + ": " + (field == null ? "" : field + " ") + reason);
        this.source = source;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    /** The CSV column at fault ({@code open_time_ms}, {@code high}, ...), or null. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
