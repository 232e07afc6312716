package io.botfleet.api.exchange;

import java.util.regex.Pattern;

/**
 * The rule every client order id follows: 1 to 36 characters of {@code [0-9A-Za-z_-]}, which
 * every supported exchange accepts (it is Bybit's {@code orderLinkId} rule). The runtime makes
 * them deterministic per bot and sequence, so a retry can never create a second order.
 */
public final class ClientOrderIds {

    public static final int MAX_LENGTH = 36;
    private static final Pattern VALID = Pattern.compile("[0-9A-Za-z_-]{1,36}");

    private ClientOrderIds() {
    }

    public static boolean isValid(String clientOrderId) {
        return clientOrderId != null && VALID.matcher(clientOrderId).matches();
    }

    /** @throws IllegalArgumentException when {@code clientOrderId} breaks the rule */
    public static String require(String clientOrderId) {
        if (!isValid(clientOrderId)) {
            throw new IllegalArgumentException("client order id '" + clientOrderId
                    + "' must be 1-36 characters of [0-9A-Za-z_-]");
        }
        return clientOrderId;
    }
}
