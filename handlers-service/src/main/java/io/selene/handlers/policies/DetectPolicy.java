package io.selene.handlers.policies;

import java.util.List;

/**
 * What to detect and estimate. Pose thresholds are {@code null} when not filtering (else 0..180).
 * {@code livenessStates} holds names ({@code spoof|real|unknown}); empty = no filtering.
 * {@code estimateMask} is always 0 and {@code maskStates} always empty: Selene has no mask model,
 * and the reader refuses both.
 */
public record DetectPolicy(int detectFace, int detectBody, int multifacePolicy, int detectLandmarks68,
        int estimateHeadPose, int estimateEyesAttributes, int estimateEmotions, int estimateMask,
        Liveness estimateLiveness, Double pitchThreshold, Double rollThreshold, Double yawThreshold,
        List<String> livenessStates, List<String> maskStates) {
}
