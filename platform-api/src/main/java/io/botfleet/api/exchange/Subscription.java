package io.botfleet.api.exchange;

import org.osgi.annotation.versioning.ProviderType;

/** An open market-data or order stream. Closing it is idempotent and never throws. */
@ProviderType
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
