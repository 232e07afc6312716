package io.botfleet.api.dataset;

import java.io.IOException;

/** An upload went past the service's limit ({@link CandleDatasetService#maxUploadBytes()}); nothing was stored. */
public final class UploadTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("the CSV exceeds the upload limit of " + limit + " bytes (uncompressed)");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
