package io.botfleet.api.bot;

/** What the operator asked for; it survives restarts and drives recovery. */
public enum DesiredState {
    RUNNING, PAUSED, STOPPED
}
