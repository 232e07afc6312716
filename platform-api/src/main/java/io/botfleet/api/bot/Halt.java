package io.botfleet.api.bot;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's kill switch over a scope of the fleet: while it is active, no bot in scope opens a
 * position (exits still go out), and none may be started or resumed. Kept in the store until it
 * is lifted, so it holds across restarts and crashes.
 *
 * @param exchange the exchange id in scope, or null for the whole fleet
 * @param account  the account of {@code exchange} in scope, or null for every account of it
 * @param flatten  whether the halt also closed each bot's position at market
 * @param reason   why, for operators
 * @param actor    who halted
 * @param since    when
 */
public record Halt(String exchange, String account, boolean flatten, String reason, String actor, Instant since) {

    public Halt {
        exchange = blankToNull(exchange);
        account = blankToNull(account);
        if (account != null && exchange == null) {
            throw new InvalidBotConfigException("account", "needs an exchange: a halt covers an account of one exchange");
        }
        if (reason != null && reason.length() > 500) {
            throw new InvalidBotConfigException("reason", "must be at most 500 characters");
        }
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(since, "since");
    }

    /** Whether a bot trading on {@code ref} is in this halt's scope. */
    public boolean covers(ExchangeRef ref) {
        return (exchange == null || exchange.equals(ref.id())) && (account == null || account.equals(ref.account()));
    }

    /** Whether this halt has exactly the scope {@code exchange}/{@code account} (nulls: any). */
    public boolean hasScope(String otherExchange, String otherAccount) {
        return Objects.equals(exchange, blankToNull(otherExchange)) && Objects.equals(account, blankToNull(otherAccount));
    }

    /** The scope for people: {@code the whole fleet}, {@code exchange bybit}, {@code account bybit/main}. */
    public String scope() {
        if (exchange == null) {
            return "the whole fleet";
        }
        return account == null ? "exchange " + exchange : "account " + exchange + "/" + account;
    }

    /** One line naming the halt, its scope and reason: what a refused start says. */
    public String describe() {
        return "halt of " + scope() + " by " + actor + " since " + since + (reason.isEmpty() ? "" : " (" + reason + ")");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
