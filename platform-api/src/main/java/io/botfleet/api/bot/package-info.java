/**
 * Bots: configuration, state, status and the {@link io.botfleet.api.bot.BotManager} service
 * that HTTP, the shell and tests drive.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.botfleet.api.bot;
