/**
 * The engine's Felix health checks; the control API bundle serves them at {@code GET /health/live}
 * and {@code GET /health/ready}.
 *
 * <p>Liveness runs the checks tagged {@code live}, readiness those tagged
 * {@code ready}. Each endpoint names the checks it cannot do without: the Felix
 * executor answers OK when no check is registered at all, so "nothing failed" is not "ready".
 * The checks registered here are {@code framework} (live), {@code runtime} (ready) and one
 * {@code exchange:<id>/<account>} per exchange account (ready); the persistence bundle registers
 * {@code persistence} (ready).
 */
package io.botfleet.runtime.health;
