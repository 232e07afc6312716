package io.botfleet.api.store;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.DesiredState;
import java.time.Instant;
import java.util.Objects;

/**
 * A bot row. When the stored configuration no longer parses (written by an older version, edited
 * by hand), {@code config} is null and {@code invalidReason} says why: the bot is reported, and
 * the others still load.
 *
 * @param id            bot id
 * @param key           a number unique to this bot forever, never reused after a delete; part of
 *                      its client order ids so a re-created bot cannot collide with old orders
 * @param config        the configuration, or null when invalid
 * @param rawConfig     the stored JSON, as stored
 * @param invalidReason why {@code config} is null, or null
 * @param desiredState  what the operator last asked for
 * @param version       optimistic-lock version, incremented by every update
 * @param createdAt     when it was created
 * @param updatedAt     when it last changed
 */
public record StoredBot(String id, long key, BotConfig config, String rawConfig, String invalidReason,
                        DesiredState desiredState, long version, Instant createdAt, Instant updatedAt) {

    public StoredBot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rawConfig, "rawConfig");
        if ((config == null) == (invalidReason == null)) {
            throw new IllegalArgumentException("exactly one of config and invalidReason must be set");
        }
        Objects.requireNonNull(desiredState, "desiredState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean isValid() {
        return config != null;
    }
}
