package io.botfleet.exchange.bybit.rest;

import io.botfleet.api.exchange.ErrorKind;
import io.botfleet.api.exchange.ExchangeException;
import java.util.Set;

/**
 * Bybit's {@code retCode}s that change behaviour (Bybit V5 documentation, error codes) and
 * their mapping to the contract's {@link ErrorKind}. Decisions are made on the code alone: live
 * messages differ from the documented ones.
 */
public final class RetCodes {

    public static final int OK = 0;
    public static final int PARAMETER_ERROR = 10001;
    public static final int TIMESTAMP_OUT_OF_WINDOW = 10002;
    public static final int RATE_LIMITED = 10006;
    public static final int SERVER_ERROR = 10016;
    public static final int ORDER_NOT_FOUND = 110001;
    public static final int DUPLICATE_LINK_ID = 110072;
    public static final int DUPLICATE_LINK_ID_SPOT = 170141;

    private static final Set<Integer> AUTH = Set.of(10003, 10004, 10005, 10007, 10009, 10010);
    private static final Set<Integer> INSUFFICIENT_BALANCE = Set.of(110007, 110004, 110012, 170131);
    private static final Set<Integer> TOO_SMALL = Set.of(110017, 110094, 170136, 170140);

    private RetCodes() {
    }

    public static boolean isAuth(int retCode) {
        return AUTH.contains(retCode);
    }

    public static boolean isDuplicateLinkId(int retCode) {
        return retCode == DUPLICATE_LINK_ID || retCode == DUPLICATE_LINK_ID_SPOT;
    }

    /**
     * The typed error for a non-zero {@code retCode}.
     *
     * @param retMsg       Bybit's message; kept for operators except for auth codes, whose live
     *                     text echoes the signed string (10004 {@code origin_string[...]})
     * @param retryAfterMs for 10006, how long until the limit resets
     */
    public static ExchangeException toException(int retCode, String retMsg, String endpoint,
                                                long retryAfterMs) {
        String code = Integer.toString(retCode);
        String msg = retMsg == null ? "" : abbreviate(retMsg);
        if (isAuth(retCode)) {
            return new ExchangeException(ErrorKind.AUTH, code, "Bybit refused the credentials on "
                    + endpoint + " (retCode " + code + ")");
        }
        return switch (retCode) {
            case RATE_LIMITED -> new ExchangeException(ErrorKind.RATE_LIMITED, code,
                    "Bybit rate limit hit on " + endpoint, Math.max(retryAfterMs, 1));
            case TIMESTAMP_OUT_OF_WINDOW, SERVER_ERROR -> new ExchangeException(
                    ErrorKind.TRANSIENT, code, "Bybit " + endpoint + " failed: " + msg
                    + " (retCode " + code + ")");
            case ORDER_NOT_FOUND -> new ExchangeException(ErrorKind.NOT_FOUND, code,
                    "order not found on Bybit (retCode " + code + ")");
            default -> new ExchangeException(ErrorKind.REJECTED, code, reason(retCode) + msg
                    + " (retCode " + code + ")");
        };
    }

    private static String reason(int retCode) {
        if (INSUFFICIENT_BALANCE.contains(retCode)) {
            return "insufficient balance: ";
        }
        if (TOO_SMALL.contains(retCode)) {
            return "quantity or notional too small: ";
        }
        if (isDuplicateLinkId(retCode)) {
            return "duplicate client order id: ";
        }
        if (retCode == PARAMETER_ERROR) {
            return "parameter error: ";
        }
        return "rejected by Bybit: ";
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
