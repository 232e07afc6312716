package io.botfleet.api.admin;

import org.osgi.annotation.versioning.ProviderType;

/** Fleet-wide processing figures, for the metrics endpoint. */
@ProviderType
public interface FleetStatistics {

    /** A consistent-enough copy for one scrape. */
    ProcessingFigures snapshot();
}
