package io.botfleet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.AccountStatus;
import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.exchange.ExchangeProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code /health/live} and {@code /health/ready} against the real Felix Health Checks, Jetty and
 * SCR: readiness names what is missing or failing, and follows checks, exchange accounts and
 * components as they come and go.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthEndpointsIT extends BotfleetTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A required check this test registers itself, to watch readiness follow it. */
    private static final String GATE = "itest-gate";

    @Configuration
    public Option[] config() throws IOException {
        // persistence is left out of the required names: this class tests the health mechanism,
        // not whether the store is up (the end-to-end tests cover the real required set)
        return options(baseOptions(),
                etcFile("io.botfleet.runtime.health.ReadinessServlet.cfg", "requiredChecks=runtime," + GATE + "\n"));
    }

    @Test
    public void liveAnswersUpWithTheFrameworkCheck() throws InterruptedException {
        HttpAnswer live = awaitHttp("/health/live", 200, WAIT);
        assertTrue(live.body(), live.body().contains("{\"name\":\"framework\",\"status\":\"OK\""));
    }

    @Test
    public void readinessNamesAMissingRequiredCheckAndFollowsIt() throws InterruptedException {
        HttpAnswer missing = awaitHttp("/health/ready", 503, WAIT);
        assertTrue(missing.body(), missing.body().contains("{\"name\":\"" + GATE + "\",\"status\":\"MISSING\""));

        ServiceRegistration<HealthCheck> gate = registerCheck(GATE, new Result(Result.Status.OK, "open"));
        try {
            HttpAnswer ready = awaitHttp("/health/ready", 200, WAIT);
            assertTrue(ready.body(), ready.body().startsWith("{\"status\":\"UP\""));
            assertTrue(ready.body(), ready.body().contains("{\"name\":\"runtime\",\"status\":\"OK\""));
        } finally {
            gate.unregister();
        }
        // no result cache between a check going away and the probe seeing it
        assertEquals(503, awaitHttp("/health/ready", 503, Duration.ofSeconds(2)).status());
    }

    @Test
    public void aCriticalCheckMakesTheServerNotReady() throws InterruptedException {
        ServiceRegistration<HealthCheck> gate = registerCheck(GATE, new Result(Result.Status.CRITICAL, "closed"));
        try {
            HttpAnswer answer = awaitHttp("/health/ready", 503, WAIT);
            assertTrue(answer.body(), answer.body().contains(
                    "{\"name\":\"" + GATE + "\",\"status\":\"CRITICAL\",\"message\":\"closed\"}"));
        } finally {
            gate.unregister();
        }
    }

    @Test
    public void anExchangeAccountThatIsDownMakesTheServerNotReady() throws InterruptedException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ExchangeProperties.ID, "itest");
        properties.put(ExchangeProperties.ACCOUNT, "down");
        ExchangeAdapter adapter = new UnreachableExchange("itest", "down",
                new AccountHealth(AccountStatus.DOWN, "credentials refused"));
        ServiceRegistration<ExchangeAdapter> registration = context.registerService(ExchangeAdapter.class, adapter,
                properties);
        String check = "{\"name\":\"exchange:itest/down\",\"status\":\"CRITICAL\",\"message\":\"DOWN: credentials refused\"}";
        try {
            await("the account's check in /health/ready", WAIT, () -> readyBody().contains(check), this::readyBody);
        } finally {
            registration.unregister();
        }
        await("the account's check gone", WAIT, () -> !readyBody().contains("exchange:itest/down"), this::readyBody);
    }

    @Test
    public void anUnsatisfiedBotfleetComponentIsNamed() throws Exception {
        Bundle broken = context.installBundle("itest:unsatisfied", unsatisfiedComponentBundle());
        try {
            broken.start();
            String expected = "component itest.unsatisfied (io.botfleet.itest.unsatisfied 1.0.0) is missing missingService";
            await("the runtime check naming the component", WAIT, () -> readyBody().contains(expected), this::readyBody);
            assertTrue(readyBody(), readyBody().contains("{\"name\":\"runtime\",\"status\":\"CRITICAL\""));
        } finally {
            broken.uninstall();
        }
        await("the component forgotten", WAIT, () -> !readyBody().contains("itest.unsatisfied"), this::readyBody);
    }

    private ServiceRegistration<HealthCheck> registerCheck(String name, Result result) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, name);
        properties.put(HealthCheck.TAGS, new String[] {"ready"});
        return context.registerService(HealthCheck.class, () -> result, properties);
    }

    private String readyBody() {
        try {
            return httpGet("/health/ready").body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * A bundle named io.botfleet.* with one DS component whose mandatory reference nobody
     * provides. SCR never loads the implementation class of a component it cannot satisfy, so
     * the bundle needs none.
     */
    private static ByteArrayInputStream unsatisfiedComponentBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.botfleet.itest.unsatisfied");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Service-Component", "OSGI-INF/unsatisfied.xml");
        String component = """
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="itest.unsatisfied">
                  <implementation class="io.botfleet.itest.Unsatisfied"/>
                  <reference name="missingService" interface="io.botfleet.itest.NobodyProvidesThis" cardinality="1..1"/>
                </scr:component>
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("OSGI-INF/unsatisfied.xml"));
            jar.write(component.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
