package io.botfleet.cli;

/**
 * A candle dataset's key as typed, {@code <exchange>/<symbol>/<interval>} (e.g.
 * {@code bybit/BTCUSDT/1m}); a key of another shape is a usage error.
 */
record DatasetKey(String exchange, String symbol, String interval) {

    static DatasetKey parse(String typed) {
        String[] parts = typed == null ? new String[0] : typed.split("/", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new CtlException(CtlException.USAGE, "a dataset is <exchange>/<symbol>/<interval>"
                    + " (e.g. bybit/BTCUSDT/1m), not '" + typed + "'");
        }
        return new DatasetKey(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return exchange + "/" + symbol + "/" + interval;
    }
}
