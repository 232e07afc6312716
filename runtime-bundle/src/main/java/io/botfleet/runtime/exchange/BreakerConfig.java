package io.botfleet.runtime.exchange;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the circuit breaker every exchange account gets (PID {@code io.botfleet.runtime.breaker}). */
@ObjectClassDefinition(name = "Botfleet exchange circuit breakers",
        description = "One breaker per exchange account: opens on transient failures, suspends the account's bots")
public @interface BreakerConfig {

    @AttributeDefinition(description = "Failure rate (%) of the recorded calls at which the breaker opens")
    int failureRateThreshold() default 50;

    @AttributeDefinition(description = "Calls the failure rate is computed over (a count-based sliding window)")
    int slidingWindowSize() default 20;

    @AttributeDefinition(description = "Calls to record before the failure rate can open the breaker")
    int minimumNumberOfCalls() default 10;

    @AttributeDefinition(description = "First wait in ms before an open breaker probes the exchange; grows "
            + "x2 with +-50% jitter after each failed probe round")
    long waitInOpenStateMillis() default 10_000;

    @AttributeDefinition(description = "Longest wait in ms between probe rounds of an open breaker")
    long maxWaitInOpenStateMillis() default 120_000;

    @AttributeDefinition(description = "Probe calls in HALF_OPEN; the breaker closes when their failure rate is below the threshold")
    int permittedCallsInHalfOpenState() default 3;
}
