package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * {@code --params k=v,k2=v2}: strategy parameters as typed. A value that reads as a number is
 * sent as an exact JSON number ({@code 7}, {@code 30.5}), {@code true}/{@code false} as booleans,
 * anything else as a string; with {@code alternatives}, {@code fast=5|7|9} is an array (a sweep).
 */
final class StrategyParams {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private StrategyParams() {
    }

    static ObjectNode parse(String typed, boolean alternatives) {
        ObjectNode params = NODES.objectNode();
        if (typed == null || typed.isBlank()) {
            return params;
        }
        for (String pair : typed.split(",", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? "" : pair.substring(0, eq).strip();
            if (eq < 0 || name.isEmpty()) {
                throw new CtlException(CtlException.USAGE, "--params takes name=value pairs separated by commas,"
                        + " not '" + pair + "'");
            }
            if (params.has(name)) {
                throw new CtlException(CtlException.USAGE, "--params names " + name + " twice");
            }
            String raw = pair.substring(eq + 1).strip();
            if (alternatives && raw.contains("|")) {
                ArrayNode values = params.putArray(name);
                for (String one : raw.split("\\|", -1)) {
                    values.add(value(one.strip()));
                }
            } else {
                params.set(name, value(raw));
            }
        }
        return params;
    }

    private static JsonNode value(String raw) {
        if (raw.equals("true") || raw.equals("false")) {
            return NODES.booleanNode(Boolean.parseBoolean(raw));
        }
        if (raw.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal number = new BigDecimal(raw);
            return number.scale() == 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                    ? NODES.numberNode(number.longValueExact()) : NODES.numberNode(number);
        }
        return NODES.textNode(raw);
    }
}
