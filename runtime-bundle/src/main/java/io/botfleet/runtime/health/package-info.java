/**
 * {@code GET /health/live} and {@code GET /health/ready}, answered through Apache Felix Health
 * Checks in a whiteboard servlet context of their own (no authentication, unlike {@code /api}).
 *
 * <p>Liveness runs the checks tagged {@value HealthTags#LIVE}, readiness those tagged
 * {@value HealthTags#READY}. Each endpoint names the checks it cannot do without: the Felix
 * executor answers OK when no check is registered at all, so "nothing failed" is not "ready".
 * The checks registered here are {@code framework} (live), {@code runtime} (ready) and one
 * {@code exchange:<id>/<account>} per exchange account (ready); the persistence bundle registers
 * {@code persistence} (ready).
 */
package io.botfleet.runtime.health;
