package io.botfleet.e2e;

import static io.botfleet.e2e.Api.assertProblem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.botfleet.distribution.DistributionProcess;
import java.time.Duration;
import org.junit.Test;

/**
 * Token guessing is slowed down: after repeated bad tokens from one address the server answers
 * 429 with Retry-After (without parking a thread), a missing token never counts, and a valid
 * token is never throttled by the failures of others; /metrics with a token required is
 * throttled by the same count.
 */
public class AuthThrottleIT {

    @Test
    public void repeatedBadTokensGet429WithRetryAfter() throws Exception {
        try (DistributionProcess server = DistributionProcess.builder("api-throttle").start()) {
            server.awaitLive(Duration.ofSeconds(60));
            Api api = new Api(server);
            api.await("/api/v1/bots", server.adminToken(), b -> true, Duration.ofSeconds(60), "the API");
            for (int i = 0; i < 50; i++) {
                assertProblem(api.get("/api/v1/bots", null), 401); // no token: not a guess
            }
            Api.Reply last = null;
            for (int i = 0; i < 30; i++) {
                last = api.get("/api/v1/bots", "bf_guess-" + i + "-aaaaaaaaaaaaaaaaaaaa");
                assertTrue(last.toString(), last.status() == 401 || last.status() == 429);
            }
            assertProblem(last, 429);
            assertNotNull(last.header("Retry-After"));
            assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
            // the address waits for its guesses, yet a token the server issued is never locked out
            // by them (its holder may share the address: a proxy, a NAT); health and metrics stay open
            String issued = api.token(server.adminToken(), "same-address", "viewer");
            assertEquals(200, api.get("/api/v1/bots", issued).status());
            assertEquals(200, api.get("/api/v1/bots", server.adminToken()).status());
            assertProblem(api.get("/api/v1/bots", "bf_" + "g".repeat(43)), 429); // a long guess is a guess
            assertEquals(200, api.get("/health/live", null).status());
            assertEquals(200, api.get("/metrics", null).status());
        }
    }

    @Test
    public void metricsWithATokenRequiredCountGuessesLikeTheApi() throws Exception {
        try (DistributionProcess server = DistributionProcess.builder("metrics-throttle")
                .etcFile("io.botfleet.http.cfg", "metricsRequireToken=true\n").start()) {
            server.awaitLive(Duration.ofSeconds(60));
            Api api = new Api(server);
            api.await("/api/v1/bots", server.adminToken(), b -> true, Duration.ofSeconds(60), "the API");
            Api.Reply last = null;
            for (int i = 0; i < 25; i++) {
                last = api.get("/metrics", "bf_guess-" + i + "-aaaaaaaaaaaaaaaaaaaa");
                assertTrue(last.toString(), last.status() == 401 || last.status() == 429);
            }
            assertProblem(last, 429);
            assertProblem(api.get("/api/v1/bots", "bf_guess-api-aaaaaaaaaaaaaaaaaaaa"), 429);
            assertEquals(200, api.get("/metrics", server.adminToken()).status());
        }
    }
}
