package io.selene.vision;

/**
 * What to compute for each detected face. Detection, the 68 landmarks and the 5 alignment points
 * always run (everything else needs them); the rest only when asked.
 *
 * @param detectionThreshold minimum detector score, 0..1 ({@code NaN}: the engine's default)
 * @param maxFaces           keep at most this many faces, best score first (0 = all)
 * @param sample             produce the aligned 250×250 warp (the stored "sample")
 */
public record FaceOptions(double detectionThreshold, int maxFaces, boolean descriptor, boolean basicAttributes,
        boolean headPose, boolean eyes, boolean liveness, boolean emotions, boolean sample) {

    public static final FaceOptions DETECT_ONLY = new FaceOptions(Double.NaN, 0, false, false, false, false, false,
            false, false);

    public static final FaceOptions EVERYTHING = new FaceOptions(Double.NaN, 0, true, true, true, true, true, true,
            true);

    public FaceOptions withDescriptor() {
        return new FaceOptions(detectionThreshold, maxFaces, true, basicAttributes, headPose, eyes, liveness, emotions,
                sample);
    }

    public FaceOptions withSample() {
        return new FaceOptions(detectionThreshold, maxFaces, descriptor, basicAttributes, headPose, eyes, liveness,
                emotions, true);
    }

    public FaceOptions withHeadPose() {
        return new FaceOptions(detectionThreshold, maxFaces, descriptor, basicAttributes, true, eyes, liveness, emotions,
                sample);
    }
}
