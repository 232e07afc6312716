package io.botfleet.control.metrics;

import io.botfleet.control.auth.TokenService;
import io.botfleet.control.http.AuthGate;
import io.botfleet.control.http.HttpConfig;

/** Wires a {@link MetricsContext} the way DS would, for tests of other packages. */
public final class MetricsContextAccess {

    private MetricsContextAccess() {
    }

    public static MetricsContext create(TokenService tokens, AuthGate gate, HttpConfig config) {
        MetricsContext context = new MetricsContext();
        context.tokens = tokens;
        context.gate = gate;
        context.configure(config);
        return context;
    }
}
