package io.botfleet.control.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.botfleet.http} (e.g. {@code etc/io.botfleet.http.cfg}). */
@ObjectClassDefinition(name = "Botfleet HTTP API")
public @interface HttpConfig {

    String PID = "io.botfleet.http";

    @AttributeDefinition(description = "Largest JSON request body in bytes (API.md: 1 MiB)")
    long maxJsonBodyBytes() default 1L << 20;

    @AttributeDefinition(description = "Bad tokens one client may present within the window before it gets 429")
    int authFailureLimit() default 20;

    @AttributeDefinition(description = "Length of the auth failure window in seconds")
    int authFailureWindowSeconds() default 60;

    @AttributeDefinition(description = "Reverse proxies (addresses or CIDR ranges, comma-separated) whose"
            + " X-Forwarded-For and X-Forwarded-Proto are believed; none by default")
    String trustedProxies() default "";

    @AttributeDefinition(description = "Require a viewer token for /metrics")
    boolean metricsRequireToken() default false;

    @AttributeDefinition(description = "How often the event stream looks at the fleet, in ms")
    long streamPollMillis() default 250;

    @AttributeDefinition(description = "Events kept for clients that reconnect with Last-Event-ID")
    int streamBufferEvents() default 10_000;

    @AttributeDefinition(description = "Seconds between keep-alive comments on idle streams")
    int streamHeartbeatSeconds() default 15;

    @AttributeDefinition(description = "Most concurrent stream clients")
    int streamMaxClients() default 100;

    @AttributeDefinition(description = "Most concurrent stream clients of one token")
    int streamMaxPerToken() default 4;
}
