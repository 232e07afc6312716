/** The installation folder ({@code botfleet.home}), resolved the same way by every bundle. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.botfleet.api.home;
