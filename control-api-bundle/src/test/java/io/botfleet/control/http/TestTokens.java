package io.botfleet.control.http;

import io.botfleet.api.store.InstallationStore;
import io.botfleet.api.store.TokenStore;
import io.botfleet.control.auth.TokenService;
import java.lang.reflect.Method;

/** Starts a {@link TokenService} on given stores without OSGi (its wiring method is package-private). */
final class TestTokens {

    private TestTokens() {
    }

    static TokenService service(TokenStore tokens, InstallationStore installation) throws Exception {
        TokenService service = new TokenService();
        Method start = TokenService.class.getDeclaredMethod("start", TokenStore.class,
                String.class, long.class);
        start.setAccessible(true);
        start.invoke(service, tokens, "5a".repeat(32), 0L);
        return service;
    }
}
