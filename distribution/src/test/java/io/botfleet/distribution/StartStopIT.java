package io.botfleet.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.Test;

/**
 * The server as an operator runs it: bin/botfleet comes up to /health/ready on the port it was
 * given, and SIGTERM stops it cleanly with exit status 0 within 10 seconds.
 */
public class StartStopIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void startsReadyAndStopsCleanlyOnSigterm() throws Exception {
        try (DistributionProcess server = DistributionProcess.builder("start-stop").start()) {
            server.awaitReady(Duration.ofSeconds(60));

            HttpResponse<String> ready = server.get("/health/ready");
            assertEquals(200, ready.statusCode());
            assertTrue(ready.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode body = JSON.readTree(ready.body());
            assertEquals("UP", body.path("status").asText());
            assertEquals("runtime", body.path("checks").path(0).path("name").asText());
            assertEquals(200, server.get("/health/live").statusCode());

            server.terminate();
            int status = server.awaitExit(Duration.ofSeconds(10));
            assertEquals("exit status after SIGTERM\n" + server.logTail(30), 0, status);
            assertTrue(server.logTail(5), server.logText().contains("botfleet: stopped"));
        }
    }

    @Test
    public void ctrlCStopsCleanlyToo() throws Exception {
        try (DistributionProcess server = DistributionProcess.builder("ctrl-c").start()) {
            server.awaitLive(Duration.ofSeconds(60));
            assumeFalse("SIGINT is ignored by this process tree (a background job of a shell without job control)",
                    server.ignores("INT"));

            server.signal("INT");
            assertEquals("exit status after SIGINT\n" + server.logTail(30), 0, server.awaitExit(Duration.ofSeconds(10)));
        }
    }

    @Test
    public void refusesToStartOnAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             DistributionProcess server = DistributionProcess.builder("port-in-use").port(taken.getLocalPort()).start()) {
            assertEquals(server.logTail(20), 1, server.awaitExit(Duration.ofSeconds(30)));
            assertTrue(server.logTail(20), server.logText().contains("HTTP port " + taken.getLocalPort()
                    + " is already in use"));
        }
    }

    @Test
    public void aNewHomeGetsTheDefaultConfiguration() throws Exception {
        try (DistributionProcess server = DistributionProcess.builder("new-home").start()) {
            server.awaitLive(Duration.ofSeconds(60));

            assertTrue(Files.isRegularFile(server.home().resolve("etc/bots/demo-sma.json")));
            assertTrue(Files.isDirectory(server.home().resolve("deploy")));
            server.terminate();
            assertEquals(0, server.awaitExit(Duration.ofSeconds(10)));
        }
    }
}
