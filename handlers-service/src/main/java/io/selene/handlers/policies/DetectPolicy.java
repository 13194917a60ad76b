package io.selene.handlers.policies;

import java.util.List;
import java.util.Set;

import io.selene.vision.Estimation;

/**
 * What to detect and estimate ({@code detect_policy}'s flags, read from the {@link Estimation}
 * registry). Pose thresholds are {@code null} when not filtering (else 0..180).
 *
 * @param livenessThreshold the liveness probability from which a face is "real" ({@code null}: the engine's 0.5)
 * @param livenessStates    names ({@code spoof|real|unknown}); empty = no filtering
 */
public record DetectPolicy(Set<Estimation> estimations, int multifacePolicy, Double livenessThreshold,
        Double pitchThreshold, Double rollThreshold, Double yawThreshold, List<String> livenessStates) {

    public boolean has(Estimation estimation) {
        return estimations.contains(estimation);
    }
}
