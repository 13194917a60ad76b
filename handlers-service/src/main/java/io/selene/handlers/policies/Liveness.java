package io.selene.handlers.policies;

/** {@code estimate_liveness}: {@code livenessThreshold} 0..1, {@code null} = the engine's default. */
public record Liveness(int estimate, Double livenessThreshold) {
}
