package io.botfleet.notify;

import io.botfleet.api.notify.NotificationTypes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * One target's configuration, read and checked from its properties. The URL and the secret may
 * come from a file or an environment variable, so that the file in {@code etc/} holds no secret.
 *
 * @param name        the configuration name ({@code ops} for {@code io.botfleet.notify.webhook-ops.cfg})
 * @param url         where to POST (never shown: it may hold a token)
 * @param format      the message shape
 * @param chatId      the Telegram chat, or null
 * @param secret      the signing key, or null
 * @param events      the types it receives
 * @param bots        the bot ids it receives
 * @param minIntervalMillis least time between two messages
 * @param timeoutMillis     time a request may take
 * @param retryForMillis    how long after its event a message is still retried
 * @param warnings    unknown keys, each named with the file and the likely meant key
 */
record TargetSettings(String name, URI url, Format format, String chatId, String secret, Set<String> events,
                      BotGlob bots, long minIntervalMillis, long timeoutMillis, long retryForMillis,
                      List<String> warnings) {

    static final String FACTORY_PID = "io.botfleet.notify.webhook";
    static final List<String> KEYS = List.of("url", "urlFile", "urlEnv", "format", "chatId", "secret", "secretFile",
            "secretEnv", "events", "bots", "minIntervalMillis", "timeoutMillis", "retryForMillis");
    private static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename", "component.name", "component.id",
            "service.ranking", "service.description", "service.vendor");

    /**
     * @param env reads an environment variable (null when unset)
     * @throws IllegalArgumentException naming the key when the configuration cannot work
     */
    static TargetSettings read(Map<String, ?> properties, UnaryOperator<String> env) {
        String name = nameOf(properties);
        Format format = Format.parse(text(properties, "format"));
        String url = secretValue(properties, "url", env);
        if (url == null) {
            throw new IllegalArgumentException("target " + name + ": one of url, urlFile, urlEnv is required");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target " + name + ": the URL is not a URI");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("target " + name + ": the URL must be http(s)://host/...");
        }
        String chatId = text(properties, "chatId");
        if (format == Format.TELEGRAM && chatId == null) {
            throw new IllegalArgumentException("target " + name + ": format telegram needs chatId");
        }
        return new TargetSettings(name, uri, format, chatId, secretValue(properties, "secret", env),
                events(name, text(properties, "events")), BotGlob.of(text(properties, "bots")),
                millis(properties, "minIntervalMillis", 0), Math.max(1, millis(properties, "timeoutMillis", 10_000)),
                millis(properties, "retryForMillis", 86_400_000L), warnings(properties));
    }

    /** The name after {@code webhook-} (or {@code ~}) in the file name, else the PID. */
    static String nameOf(Map<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String base = file.toString().replaceFirst("^.*[/\\\\]", "").replaceFirst("\\.(cfg|config)$", "");
            if (base.startsWith(FACTORY_PID) && base.length() > FACTORY_PID.length() + 1) {
                return base.substring(FACTORY_PID.length() + 1);
            }
        }
        Object pid = properties.get("service.pid");
        String p = pid == null ? "unnamed" : pid.toString();
        return p.startsWith(FACTORY_PID) && p.length() > FACTORY_PID.length() + 1
                ? p.substring(FACTORY_PID.length() + 1) : p;
    }

    private static Set<String> events(String name, String list) {
        if (list == null) {
            Set<String> all = new LinkedHashSet<>(NotificationTypes.ALL);
            all.remove(NotificationTypes.FILL);
            return all;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String e : list.split(",")) {
            String type = e.trim().toLowerCase(Locale.ROOT);
            if (type.equals("all") || type.equals("*")) {
                out.addAll(NotificationTypes.ALL);
            } else if (NotificationTypes.ALL.contains(type)) {
                out.add(type);
            } else if (!type.isEmpty()) {
                throw new IllegalArgumentException("target " + name + ": events: unknown type '" + type
                        + "'; known: " + String.join(", ", NotificationTypes.ALL));
            }
        }
        return out;
    }

    /** {@code key}, else the file named by {@code keyFile}, else the variable named by {@code keyEnv}. */
    private static String secretValue(Map<String, ?> p, String key, UnaryOperator<String> env) {
        String direct = text(p, key);
        if (direct != null) {
            return direct;
        }
        String file = text(p, key + "File");
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException(key + "File " + file + " cannot be read: " + e.getMessage());
            }
        }
        String variable = text(p, key + "Env");
        if (variable != null) {
            String value = env.apply(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(key + "Env: environment variable " + variable + " is not set");
            }
            return value.trim();
        }
        return null;
    }

    private static String text(Map<String, ?> p, String key) {
        Object v = p.get(key);
        return v == null || v.toString().isBlank() ? null : v.toString().trim();
    }

    private static long millis(Map<String, ?> p, String key, long fallback) {
        String v = text(p, key);
        if (v == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(v);
            if (value < 0) {
                throw new IllegalArgumentException(key + " must not be negative, was " + v);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of milliseconds, was '" + v + "'");
        }
    }

    private static List<String> warnings(Map<String, ?> p) {
        Object file = p.get("felix.fileinstall.filename");
        String where = file == null ? FACTORY_PID + "-" + nameOf(p) + ".cfg"
                : file.toString().replaceFirst("^.*[/\\\\]", "");
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(p.keySet())) {
            if (!KEYS.contains(key) && !FRAMEWORK_KEYS.contains(key) && !key.startsWith(".")
                    && !key.startsWith("osgi.")) { // osgi.ds.*: SCR adds them to the component's properties
                String closest = closest(key);
                out.add(where + ": unknown key '" + key + "' (ignored)"
                        + (closest == null ? "" : "; did you mean '" + closest + "'?"));
            }
        }
        return out;
    }

    /** The known key differing from {@code key} by case alone or by at most two edits. */
    private static String closest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String known : KEYS) {
            int d = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    boolean wants(String type, String botId) {
        return events.contains(type) && bots.matches(botId);
    }

    /** Removes the URL (it may hold a token) from a text shown to operators. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(url.toString(), "<url>");
        String path = url.getRawPath();
        return path == null || path.length() <= 1 ? out : out.replace(path, "<path>");
    }
}
