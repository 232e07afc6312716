package io.botfleet.api.store;

/** API roles; each includes the ones before it. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** True when this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
