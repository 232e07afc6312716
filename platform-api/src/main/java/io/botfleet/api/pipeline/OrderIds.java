package io.botfleet.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/** The client order id of a bot's order by its sequence number: the same number, the same id. */
@ConsumerType
@FunctionalInterface
public interface OrderIds {

    String id(long sequence);
}
