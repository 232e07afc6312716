package io.botfleet.api.strategy;

/** A strategy parameter is missing or invalid; {@link #parameter()} names it. */
public class StrategyParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String parameter;

    public StrategyParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The name of the offending parameter, as it appears in the bot's {@code strategy.params}. */
    public String parameter() {
        return parameter;
    }
}
