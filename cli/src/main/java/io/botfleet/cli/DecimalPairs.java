package io.botfleet.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * {@code --risk orderQty=0.01,maxPositionQty=0.05} and {@code --balances USDT=100000,BTC=0.5}:
 * name=amount pairs, each amount sent as the decimal string it was typed as (money is never
 * rounded through a double); which names are known is the server's to say.
 */
final class DecimalPairs {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private DecimalPairs() {
    }

    /** The pairs as a JSON object of decimal strings, in the order typed. */
    static ObjectNode parse(String option, String typed) {
        ObjectNode pairs = JsonNodeFactory.instance.objectNode();
        for (String pair : typed.split(",", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? "" : pair.substring(0, eq).strip();
            if (eq < 0 || name.isEmpty()) {
                throw new CtlException(CtlException.USAGE, option + " takes name=amount pairs separated by commas,"
                        + " not '" + pair + "'");
            }
            if (pairs.has(name)) {
                throw new CtlException(CtlException.USAGE, option + " names " + name + " twice");
            }
            pairs.put(name, decimal(option + " " + name, pair.substring(eq + 1).strip()));
        }
        return pairs;
    }

    /** A decimal string as typed, such as {@code 7.5}. */
    static String decimal(String what, String typed) {
        if (!DECIMAL.matcher(typed).matches()) {
            throw new CtlException(CtlException.USAGE, what + " must be a decimal number such as 7.5, not '"
                    + typed + "'");
        }
        return typed;
    }
}
