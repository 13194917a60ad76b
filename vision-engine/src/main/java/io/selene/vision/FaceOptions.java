package io.selene.vision;

import java.util.EnumSet;
import java.util.Set;

/**
 * What to compute for each detected face: detection, the 68 landmarks and the 5 alignment points
 * always run (everything else needs them); each {@link Estimation.Kind#FACE} estimation asked for runs
 * its step.
 *
 * @param detectionThreshold minimum detector score, 0..1 ({@code NaN}: the engine's default)
 * @param maxFaces           keep at most this many faces, best score first (0 = all)
 * @param estimations        the face estimations to make
 * @param sample             produce the aligned 250×250 warp (the stored "sample")
 * @param descriptorVersion  the {@link DescriptorModel} of the descriptor, when one is asked for
 */
public record FaceOptions(double detectionThreshold, int maxFaces, Set<Estimation> estimations, boolean sample,
        int descriptorVersion) {

    public static final FaceOptions DETECT_ONLY = new FaceOptions(Double.NaN, 0, Set.of(), false);

    public static final FaceOptions EVERYTHING = new FaceOptions(Double.NaN, 0, Estimation.faceSteps(), true);

    public FaceOptions {
        estimations = estimations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(estimations));
        DescriptorModel.require(descriptorVersion);
    }

    /** Options whose descriptor, if asked for, is of version 201. */
    public FaceOptions(double detectionThreshold, int maxFaces, Set<Estimation> estimations, boolean sample) {
        this(detectionThreshold, maxFaces, estimations, sample, DescriptorModel.V201.version());
    }

    public boolean has(Estimation estimation) {
        return estimations.contains(estimation);
    }

    public FaceOptions with(Estimation estimation) {
        Set<Estimation> more = EnumSet.of(estimation);
        more.addAll(estimations);
        return new FaceOptions(detectionThreshold, maxFaces, more, sample, descriptorVersion);
    }

    public FaceOptions withDescriptor() {
        return with(Estimation.FACE_DESCRIPTOR);
    }

    public FaceOptions withHeadPose() {
        return with(Estimation.HEAD_POSE);
    }

    public FaceOptions withSample() {
        return new FaceOptions(detectionThreshold, maxFaces, estimations, true, descriptorVersion);
    }

    public FaceOptions withDescriptorVersion(int version) {
        return new FaceOptions(detectionThreshold, maxFaces, estimations, sample, version);
    }
}
