package io.botfleet.api.exchange;

import java.util.Objects;

/**
 * @param status the account's state
 * @param detail why, for operators; never contains a secret
 */
public record AccountHealth(AccountStatus status, String detail) {

    public AccountHealth {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static AccountHealth up() {
        return new AccountHealth(AccountStatus.UP, "");
    }
}
