package io.botfleet.control.auth;

import io.botfleet.api.store.Role;
import java.util.Objects;

/**
 * Who is calling: the name of the token used (what the audit log shows) and its role. Never
 * carries the token itself, so it can be logged and kept in request attributes safely.
 */
public record Principal(String name, Role role) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public boolean may(Role required) {
        return role.includes(required);
    }
}
