/**
 * The exchange contract: asynchronous order, account and market-data calls an adapter
 * bundle provides for one exchange account, with typed errors.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.botfleet.api.exchange;
