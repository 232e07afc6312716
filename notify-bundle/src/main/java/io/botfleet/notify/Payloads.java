package io.botfleet.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.store.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The request body of a message in each format. The same message always gives the same bytes. */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Discord refuses content over 2000 characters, Telegram text over 4096. */
    private static final int DISCORD_MAX = 2000;
    private static final int TELEGRAM_MAX = 4096;

    private Payloads() {
    }

    /**
     * @param exchange the bot's exchange id, or null
     * @param account  the bot's account, or null
     */
    static byte[] body(TargetSettings target, OutboxMessage m, String exchange, String account) {
        ObjectNode n = JSON.createObjectNode();
        switch (target.format()) {
            case JSON -> {
                n.put("id", m.deliveryId());
                n.put("type", m.type());
                n.put("time", m.time().toString());
                n.put("botId", m.botId());
                n.put("exchange", exchange);
                n.put("account", account);
                n.put("message", m.message());
                n.set("data", JSON.valueToTree(m.data()));
            }
            case SLACK -> n.put("text", text(m, exchange, account, "*", "`"));
            case DISCORD -> n.put("content", cut(text(m, exchange, account, "**", "`"), DISCORD_MAX));
            case TELEGRAM -> {
                n.put("chat_id", target.chatId());
                n.put("text", cut(text(m, exchange, account, "", ""), TELEGRAM_MAX));
                n.put("disable_web_page_preview", true);
            }
        }
        try {
            return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message " + m.deliveryId() + " cannot be written as JSON", e);
        }
    }

    /** The essentials on one line: type, bot, account, what happened. */
    static String text(OutboxMessage m, String exchange, String account, String bold, String code) {
        StringBuilder t = new StringBuilder().append(bold).append("botfleet ").append(m.type()).append(bold);
        if (m.botId() != null) {
            t.append(" bot ").append(code).append(m.botId()).append(code);
        }
        if (exchange != null) {
            t.append(" (").append(exchange).append(account == null ? "" : "/" + account).append(')');
        }
        t.append(": ").append(m.message());
        Object reason = m.data().get("reason");
        if (reason != null && !m.message().contains(reason.toString())) {
            t.append(" (").append(reason).append(')');
        }
        return t.toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    /** Details read from a message's data for the body, never null. */
    static String dataText(Map<String, Object> data, String key) {
        Object v = data.get(key);
        return v == null ? null : v.toString();
    }
}
