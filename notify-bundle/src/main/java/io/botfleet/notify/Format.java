package io.botfleet.notify;

import java.util.Locale;

/** The message shapes a target can receive. */
enum Format {
    /** Botfleet's own JSON, signed when the target has a secret. */
    JSON,
    /** A Slack incoming webhook: {@code {"text": ...}}. */
    SLACK,
    /** A Discord webhook: {@code {"content": ...}}. */
    DISCORD,
    /** The Telegram Bot API's sendMessage: {@code {"chat_id": ..., "text": ...}}. */
    TELEGRAM;

    static Format parse(String value) {
        String v = value == null || value.isBlank() ? "json" : value.trim();
        for (Format f : values()) {
            if (f.code().equals(v.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("format '" + value + "' is not one of json, slack, discord, telegram");
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
