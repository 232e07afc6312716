package io.botfleet.exchange.paper;

/** A paper account's configuration is invalid; {@link #key()} names the offending key. */
public class PaperConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String key;

    public PaperConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The configuration key, as written in the {@code .cfg} file. */
    public String key() {
        return key;
    }
}
