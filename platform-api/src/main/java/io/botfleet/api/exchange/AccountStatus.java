package io.botfleet.api.exchange;

/** The health of one exchange account, as the readiness check and the API report it. */
public enum AccountStatus {
    /** Working. */
    UP,
    /** Working with trouble: errors or a stream down with a fallback in use. */
    DEGRADED,
    /** Not usable: credentials refused, or the venue unreachable for a while. */
    DOWN
}
