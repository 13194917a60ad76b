package io.selene.handlers.vision;

import java.util.EnumSet;
import java.util.Set;

import io.selene.vision.Estimation;
import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceOptions;

/**
 * What to detect and estimate for one request, however it was asked for ({@link EstimationFlags}
 * translates /sdk's and /detector's query, handler policies and verifier policies into this).
 *
 * @param estimations     the detections and estimations asked for
 * @param multifacePolicy 0 = the best face only, 1 = every face, 2 = every face with a descriptor for the best
 * @param scoreThreshold  minimum detector score ({@code NaN}: the engine's default)
 * @param pitchThreshold  faces turned further are filtered out; null = no filtering on that axis
 * @param descriptorVersion the version of the descriptors extracted; 0 = the service's default
 *                        ({@code selene.vision.default-face-descriptor-version})
 */
public record EstimationRequest(Set<Estimation> estimations, int multifacePolicy, double scoreThreshold,
        Double pitchThreshold, Double rollThreshold, Double yawThreshold, int descriptorVersion) {

    public EstimationRequest {
        estimations = estimations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(estimations));
    }

    /**
     * A request whose descriptors are of version 201 whatever the default: events, verifiers and faces
     * made from photos, which face lists and the matcher's galleries must be able to match.
     */
    public EstimationRequest(Set<Estimation> estimations, int multifacePolicy, double scoreThreshold,
            Double pitchThreshold, Double rollThreshold, Double yawThreshold) {
        this(estimations, multifacePolicy, scoreThreshold, pitchThreshold, rollThreshold, yawThreshold,
                FaceAnalysis.DESCRIPTOR_VERSION);
    }

    public boolean has(Estimation estimation) {
        return estimations.contains(estimation);
    }

    public boolean faces() {
        return has(Estimation.FACE_DETECTION);
    }

    public boolean bodies() {
        return has(Estimation.BODY_DETECTION);
    }

    public boolean landmarks68() {
        return has(Estimation.LANDMARKS68);
    }

    boolean filtersByPose() {
        return pitchThreshold != null || rollThreshold != null || yawThreshold != null;
    }

    /**
     * Engine options; samples are made by the detector only, the head pose also to filter by it. The
     * descriptor is of {@code version} (the resolved {@link #descriptorVersion}).
     */
    FaceOptions options(boolean sample, int version) {
        Set<Estimation> steps = EnumSet.noneOf(Estimation.class);
        for (Estimation estimation : estimations) {
            if (estimation.kind() == Estimation.Kind.FACE) {
                steps.add(estimation);
            }
        }
        if (filtersByPose()) {
            steps.add(Estimation.HEAD_POSE);
        }
        return new FaceOptions(scoreThreshold, multifacePolicy == 0 ? 1 : 0, steps, sample, version);
    }
}
