package io.selene.vision;

import java.util.List;
import java.util.Map;

import io.selene.vision.Geometry.Box;
import io.selene.vision.Geometry.Point;
import io.selene.vision.image.RgbImage;

/** What the engine found on one image. */
public record FaceAnalysis(int width, int height, String format, List<Face> faces, Map<String, Long> stageNanos) {

    /** Descriptor version number of {@code fr_feature} descriptors (platform-commons DescriptorVersion.FACE_FP512). */
    public static final int DESCRIPTOR_VERSION = 201;

    /**
     * One face. Optional parts are {@code null} when not requested.
     *
     * @param box         square face box (side = detector box height), clamped to the image
     * @param score       detector score 0..1
     * @param landmarks5  eye centres (image left, image right), nose tip, mouth corners (left, right)
     * @param landmarks68 the iBUG 68 points
     */
    public record Face(Box box, double score, Point[] landmarks5, Point[] landmarks68, Descriptor descriptor,
            BasicAttributes basicAttributes, HeadPose headPose, Eyes eyes, Liveness liveness, Emotions emotions,
            RgbImage sample) {
    }

    /**
     * An L2-normalised 512-d descriptor of version {@link #DESCRIPTOR_VERSION}; {@code rawNorm} is
     * the length the network produced (low for blurred or non-faces).
     */
    public record Descriptor(float[] values, double rawNorm) {

        public int version() {
            return DESCRIPTOR_VERSION;
        }
    }

    /** Apparent age in years (0..100) and the probability that the face is male (0..1). */
    public record BasicAttributes(double age, double male) {
    }

    /**
     * Degrees (−99..99) from the model's three 66-bin heads; the sign of yaw flips when the image
     * is mirrored (FacePipelineTest).
     */
    public record HeadPose(double yaw, double pitch, double roll) {
    }

    /** Probability that each eye is closed; left = the eye on the image's left (points 36–41). */
    public record Eyes(double leftClosed, double rightClosed) {
    }

    /** Probability that the face is a real, live one (not a print or screen). */
    public record Liveness(double real) {
    }

    /** Probabilities, in {@link #NAMES} order, summing to 1. */
    public record Emotions(double[] probabilities) {

        public static final List<String> NAMES = List.of("anger", "disgust", "fear", "happiness", "sadness",
                "surprise", "neutral");

        public String predominant() {
            int best = 0;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
            return NAMES.get(best);
        }
    }
}
