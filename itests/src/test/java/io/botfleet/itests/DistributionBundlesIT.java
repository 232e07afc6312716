package io.botfleet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * The distribution's bundles together in one framework: all of them start, every Declarative
 * Services component is satisfied, and Jetty serves {@code /health/live}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionBundlesIT extends BotfleetTestSupport {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    @Configuration
    public Option[] config() throws IOException {
        return options(baseOptions());
    }

    @Test
    public void everyBundleIsActiveAndFragmentsResolved() throws InterruptedException {
        await("all bundles started", STARTUP, () -> bundlesNotStarted().isEmpty(), () -> bundlesNotStarted().toString());
    }

    @Test
    public void shipsEveryBotfleetBundle() {
        for (String name : List.of("io.botfleet.api", "io.botfleet.runtime", "io.botfleet.control",
                "io.botfleet.persistence", "io.botfleet.exchange.paper", "io.botfleet.exchange.bybit", "io.botfleet.strategy.sma",
                "io.botfleet.strategy.rsi", "io.botfleet.dashboard")) {
            assertEquals(name, Bundle.ACTIVE, installedBundle(name).getState());
        }
    }

    @Test
    public void everyComponentIsSatisfied() throws InterruptedException {
        List<String> problems = new ArrayList<>();
        await("all components satisfied", STARTUP, () -> {
            problems.clear();
            try {
                problems.addAll(unsatisfiedComponents());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted");
            }
            return problems.isEmpty();
        }, () -> String.join("\n", problems));
    }

    @Test
    public void liveEndpointAnswers200() throws InterruptedException {
        HttpAnswer live = awaitHttp("/health/live", 200, STARTUP);
        assertTrue(live.body(), live.body().contains("\"status\":\"UP\""));
    }

    private List<String> bundlesNotStarted() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                problems.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " state " + bundle.getState());
            }
        }
        return problems;
    }
}
