package io.botfleet.notify;

import java.util.regex.Pattern;

/** A glob on bot ids: {@code *} any run of characters, {@code ?} one; several globs comma separated. */
record BotGlob(String text, Pattern pattern) {

    static BotGlob of(String text) {
        String t = text == null || text.isBlank() ? "*" : text.trim();
        StringBuilder regex = new StringBuilder();
        for (String part : t.split(",")) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            StringBuilder one = new StringBuilder();
            for (char c : part.trim().toCharArray()) {
                if (c == '*') {
                    one.append(".*");
                } else if (c == '?') {
                    one.append('.');
                } else {
                    one.append(Pattern.quote(String.valueOf(c)));
                }
            }
            regex.append("(?:").append(one).append(')');
        }
        return new BotGlob(t, Pattern.compile(regex.toString()));
    }

    /** A fleet-wide event (no bot) reaches every target whatever its glob. */
    boolean matches(String botId) {
        return botId == null || pattern.matcher(botId).matches();
    }
}
