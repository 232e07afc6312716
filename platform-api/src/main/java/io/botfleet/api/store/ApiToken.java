package io.botfleet.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API token. The token itself is never stored, only its hash.
 *
 * @param name      unique name, shown in the audit log
 * @param role      what it may do
 * @param hash      the keyed hash the runtime computes from the token
 * @param createdAt when it was created
 */
public record ApiToken(String name, Role role, String hash, Instant createdAt) {

    public ApiToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
