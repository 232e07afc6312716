package io.botfleet.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Posts one body to a target and says what came back. Blocking: only a target's own sender calls it. */
final class HttpDelivery {

    static final String DELIVERY_HEADER = "X-Botfleet-Delivery";
    private static final Pattern TELEGRAM_RETRY_AFTER = Pattern.compile("\"retry_after\"\\s*:\\s*(\\d{1,9})");
    private static final int DETAIL_MAX = 300;

    private final TargetSettings target;
    private final HttpClient client;
    private final Clock clock;

    HttpDelivery(TargetSettings target, Clock clock) {
        this.target = target;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(target.timeoutMillis()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Attempt post(String deliveryId, byte[] body) throws InterruptedException {
        long started = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(Duration.ofMillis(target.timeoutMillis()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "botfleet-notify")
                .header(DELIVERY_HEADER, deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target.secret() != null) {
            request.header(Signature.HEADER, Signature.header(target.secret(), clock.instant().getEpochSecond(), body));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body();
            return new Attempt(response.statusCode(), retryAfter(response, text), clip(target.redact(text)),
                    elapsed(started));
        } catch (HttpTimeoutException e) {
            return new Attempt(0, -1, "no answer within " + target.timeoutMillis() + " ms", elapsed(started));
        } catch (IOException e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Attempt(0, -1, clip(target.redact(e.getClass().getSimpleName() + ": " + what)), elapsed(started));
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; else Telegram's {@code parameters.retry_after}. */
    private long retryAfter(HttpResponse<String> response, String body) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isPresent()) {
            String v = header.get().trim();
            try {
                return Math.max(0, Long.parseLong(v)) * 1000;
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Math.max(0, Duration.between(clock.instant(), at).toMillis());
                } catch (DateTimeParseException notDate) {
                    return -1;
                }
            }
        }
        if (target.format() == Format.TELEGRAM && response.statusCode() == 429) {
            Matcher m = TELEGRAM_RETRY_AFTER.matcher(body);
            if (m.find()) {
                return Long.parseLong(m.group(1)) * 1000;
            }
        }
        return -1;
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String clip(String text) {
        String t = text.strip();
        return t.length() <= DETAIL_MAX ? t : t.substring(0, DETAIL_MAX) + "\u2026";
    }
}
