/**
 * The persistence SPI the runtime calls. Implementations own all SQL; the runtime never
 * sees a connection.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.botfleet.api.store;
