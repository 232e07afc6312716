package io.botfleet.control.http;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.BotEvent;
import io.botfleet.api.store.AuditEntry;
import io.botfleet.api.store.AuditLog;
import io.botfleet.api.store.BotJournal;
import io.botfleet.control.auth.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every mutating call to the audit log (token name, route, target, HTTP status), and for
 * calls aimed at a bot also an {@code AUDIT} event to that bot's journal, so operators see who
 * did what in {@code GET /api/v1/bots/{id}/events}. A failing audit write is logged, never
 * turned into a failed call: the action already happened.
 */
public final class AuditRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
    /** Bound on waiting for the bot journal, so the event shows in the next read of the log. */
    private static final long JOURNAL_WAIT_MILLIS = 2000;

    private final Supplier<AuditLog> auditLog;
    private final Supplier<BotJournal> journal;
    private final Clock clock;

    public AuditRecorder(Supplier<AuditLog> auditLog, Supplier<BotJournal> journal, Clock clock) {
        this.auditLog = auditLog;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @param principal the caller
     * @param route     the route called
     * @param variables its path variables
     * @param target    what it acted on when the path does not say (a new bot's id), or null
     * @param detail    extra detail (never a secret), or null
     * @param status    the HTTP status answered
     */
    public void record(Principal principal, Route route, Map<String, String> variables, String target,
                       String detail, int status) {
        String what = target != null ? target : target(variables);
        Instant now = clock.instant();
        AuditLog log = auditLog.get();
        if (log == null) {
            LOG.warn("No audit log available; not recorded: {} {} {} -> {}", principal.name(),
                    route.action(), what, status);
        } else {
            try {
                log.append(new AuditEntry(now, principal.name(), route.action(), what,
                        Integer.toString(status), detail));
            } catch (RuntimeException e) {
                LOG.error("Could not write the audit entry {} {} {} -> {}", principal.name(),
                        route.action(), what, status, e);
            }
        }
        String botId = botTarget(route, variables, target, status);
        if (botId != null) {
            recordBotEvent(botId, now, principal.name() + ": " + route.action() + " -> " + status
                    + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        }
    }

    private void recordBotEvent(String botId, Instant now, String message) {
        BotJournal j = journal.get();
        if (j == null) {
            return;
        }
        try {
            j.appendEvent(new BotEvent(botId, now, BotEvent.Type.AUDIT, message))
                    .toCompletableFuture().get(JOURNAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Could not append the audit event of bot {}: {}", botId, e.toString());
        }
    }

    /** The bot a route acts on: its {@code {id}}, or the id of a bot being created. */
    private static String botTarget(Route route, Map<String, String> variables, String target,
                                    int status) {
        String template = route.template().toString();
        if (!template.startsWith("/v1/bots") || status == 404 || status == 403) {
            return null; // a refused caller learns nothing, and may name a bot that does not exist
        }
        if (template.equals("/v1/bots") && status != 201 && status != 409) {
            return null; // a refused creation names no bot that exists
        }
        String id = variables.containsKey("id") ? variables.get("id") : target;
        return BotConfig.isValidId(id) ? id : null;
    }

    private static String target(Map<String, String> variables) {
        if (variables.isEmpty()) {
            return "";
        }
        return ApiRequest.safe(String.join("/", variables.values()));
    }
}
