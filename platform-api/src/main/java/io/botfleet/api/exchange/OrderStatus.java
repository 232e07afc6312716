package io.botfleet.api.exchange;

/**
 * The life of an order. {@code PENDING_SEND} and {@code NOT_SENT} exist only in Botfleet's own
 * journal: written before the adapter is called, and for an intent the exchange never saw.
 */
public enum OrderStatus {
    PENDING_SEND, NEW, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, NOT_SENT;

    /** True when nothing can happen to the order any more. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == NOT_SENT;
    }
}
