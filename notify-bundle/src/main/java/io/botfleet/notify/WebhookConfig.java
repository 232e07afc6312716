package io.botfleet.notify;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of a notification target, {@code etc/io.botfleet.notify.webhook-<name>.cfg}. */
@ObjectClassDefinition(id = TargetSettings.FACTORY_PID, name = "Botfleet notification target",
        description = "A webhook, Slack, Discord or Telegram target for bot events")
@interface WebhookConfig {

    @AttributeDefinition(required = false, description = "Where to POST; for telegram"
            + " https://api.telegram.org/bot<token>/sendMessage")
    String url();

    @AttributeDefinition(required = false, description = "A file holding the URL (when it holds a secret)")
    String urlFile();

    @AttributeDefinition(required = false, description = "An environment variable holding the URL")
    String urlEnv();

    @AttributeDefinition(required = false, description = "json, slack, discord or telegram")
    String format() default "json";

    @AttributeDefinition(required = false, description = "Telegram chat id (format telegram)")
    String chatId();

    @AttributeDefinition(required = false, description = "HMAC-SHA256 key signing json bodies")
    String secret();

    @AttributeDefinition(required = false, description = "A file holding the secret")
    String secretFile();

    @AttributeDefinition(required = false, description = "An environment variable holding the secret")
    String secretEnv();

    @AttributeDefinition(required = false, description = "Comma list of event types; default all but fill")
    String events();

    @AttributeDefinition(required = false, description = "Glob on bot ids")
    String bots() default "*";

    @AttributeDefinition(required = false, description = "Least time between two messages to this target")
    long minIntervalMillis() default 0;

    @AttributeDefinition(required = false, description = "Time a request may take")
    long timeoutMillis() default 10_000;

    @AttributeDefinition(required = false, description = "How long a message is retried before it is failed")
    long retryForMillis() default 86_400_000;
}
