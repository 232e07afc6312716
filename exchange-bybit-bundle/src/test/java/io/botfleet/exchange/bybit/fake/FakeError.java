package io.botfleet.exchange.bybit.fake;

/** A Bybit business error the fake answers with (HTTP 200, retCode != 0). */
final class FakeError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    final int retCode;

    FakeError(int retCode, String retMsg) {
        super(retMsg, null, false, false);
        this.retCode = retCode;
    }
}
