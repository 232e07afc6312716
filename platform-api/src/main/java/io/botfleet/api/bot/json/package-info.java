/**
 * The one JSON form of a bot configuration: the {@code BotConfig} of the HTTP API (docs/api.md),
 * read and written alike by the control API, the store, the seed files and the shell.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.botfleet.api.bot.json;
