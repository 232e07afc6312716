package io.botfleet.runtime.guard;

/**
 * Thrown on a thread whose strategy call the guard gave up on, when that call finally returns: the
 * work after the call belongs to a bot that has moved on, so it must not run. An {@code Error}, like
 * {@code ThreadDeath}, so the {@code catch (RuntimeException e)} of ordinary code lets it through.
 */
public final class AbandonedCall extends Error {

    private static final long serialVersionUID = 1L;

    AbandonedCall(String what) {
        super(what + " returned after it was abandoned", null, false, false);
    }
}
