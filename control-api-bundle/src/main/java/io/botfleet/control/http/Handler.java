package io.botfleet.control.http;

import java.io.IOException;

/** Handles one route. Throws {@link ApiException} or a platform exception for errors. */
@FunctionalInterface
public interface Handler {

    Reply handle(ApiRequest request) throws IOException;
}
