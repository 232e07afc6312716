package io.botfleet.runtime.order;

import io.botfleet.api.exchange.ClientOrderIds;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Deterministic client order ids: {@code <installation>-<bot key>-<sequence>}, the numbers in
 * base 36. The same bot and sequence always give the same id, so a retry after an unknown outcome
 * is recognised by the exchange as the same order. The bot key is never reused (not even after a
 * delete) and the installation id separates two databases trading on one account, so an id is
 * unique forever, as Bybit requires. At most 6 + 1 + 13 + 1 + 13 = 34 characters.
 */
public final class ClientOrderIdFactory {

    private final String installationId;

    /** @param installationId 1-6 characters of [0-9a-z] */
    public ClientOrderIdFactory(String installationId) {
        if (!installationId.matches("[0-9a-z]{1,6}")) {
            throw new IllegalArgumentException("installation id must be 1-6 characters of [0-9a-z]");
        }
        this.installationId = installationId;
    }

    public String id(long botKey, long sequence) {
        return ClientOrderIds.require(installationId + "-" + Long.toString(botKey, 36) + "-"
                + Long.toString(sequence, 36));
    }

    /** The bot key inside an id this factory made, or empty for anyone else's id. */
    public OptionalLong botKeyOf(String clientOrderId) {
        if (clientOrderId == null || !clientOrderId.startsWith(installationId + "-")) {
            return OptionalLong.empty();
        }
        String[] parts = clientOrderId.split("-");
        if (parts.length != 3) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(parts[1].toLowerCase(Locale.ROOT), 36));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
