package io.selene.vision;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.vision.image.Geometry.Box;
import io.selene.vision.image.Geometry.Point;
import io.selene.vision.image.RgbImage;

/** What the engine found on one image. */
public record FaceAnalysis(int width, int height, String format, List<Face> faces, Map<String, Long> stageNanos) {

    /** Descriptor version of {@code fr_feature} descriptors, the default (platform-commons DescriptorVersion.FACE_FP512). */
    public static final int DESCRIPTOR_VERSION = 201;

    /**
     * One face. Estimations not requested are absent.
     *
     * @param box         square face box (side = detector box height), clamped to the image
     * @param score       detector score 0..1
     * @param landmarks5  eye centres (image left, image right), nose tip, mouth corners (left, right)
     * @param landmarks68 the iBUG 68 points
     * @param estimations each requested face estimation's value ({@link Descriptor}, {@link BasicAttributes}, ...)
     */
    public record Face(Box box, double score, Point[] landmarks5, Point[] landmarks68,
            Map<Estimation, Object> estimations, RgbImage sample) {

        public Face {
            estimations = estimations.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(estimations));
        }

        public Descriptor descriptor() {
            return (Descriptor) estimations.get(Estimation.FACE_DESCRIPTOR);
        }

        public BasicAttributes basicAttributes() {
            return (BasicAttributes) estimations.get(Estimation.BASIC_ATTRIBUTES);
        }

        public HeadPose headPose() {
            return (HeadPose) estimations.get(Estimation.HEAD_POSE);
        }

        public Eyes eyes() {
            return (Eyes) estimations.get(Estimation.EYES);
        }

        public Liveness liveness() {
            return (Liveness) estimations.get(Estimation.LIVENESS);
        }

        public Emotions emotions() {
            return (Emotions) estimations.get(Estimation.EMOTIONS);
        }

        /** LUNA's {@code attributes} of the face: each answered estimation under its key, in registry order. */
        public Map<String, Object> attributes() {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (Estimation estimation : Estimation.values()) {
                if (estimation.answer() != null && estimations.get(estimation) instanceof Estimated value) {
                    attributes.put(estimation.answer(), value.luna());
                }
            }
            return attributes;
        }
    }

    /** An estimation's value, with its answer in LUNA's shape (luna-api.md §1.4). */
    public interface Estimated {
        Map<String, Object> luna();
    }

    /** Gender is "male" when the SSR-Net output is above this (issue 4's measurement). */
    public static final double MALE_ABOVE = 0.6;

    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /**
     * An L2-normalised descriptor of a {@link DescriptorModel} version (201: 512-d, 202: 256-d);
     * {@code rawNorm} is the length the network produced (low for blurred or non-faces).
     */
    public record Descriptor(float[] values, double rawNorm, int version) {
    }

    /** Apparent age in years (0..100) and the probability that the face is male (0..1). */
    public record BasicAttributes(double age, double male) implements Estimated {

        /** LUNA: age rounded 0..100; gender 1 = male, 0 = female. */
        @Override
        public Map<String, Object> luna() {
            return new LinkedHashMap<>(Map.of("age", (int) Math.round(age), "gender", male > MALE_ABOVE ? 1 : 0));
        }
    }

    /**
     * Degrees (−99..99) from the model's three 66-bin heads; the sign of yaw flips when the image
     * is mirrored (FacePipelineTest).
     */
    public record HeadPose(double yaw, double pitch, double roll) implements Estimated {

        @Override
        public Map<String, Object> luna() {
            return Map.of("yaw", round(yaw, 2), "pitch", round(pitch, 2), "roll", round(roll, 2));
        }
    }

    /** Probability that each eye is closed; left = the eye on the image's left (points 36–41). */
    public record Eyes(double leftClosed, double rightClosed) implements Estimated {

        @Override
        public Map<String, Object> luna() {
            return Map.of("left_eye", eye(leftClosed), "right_eye", eye(rightClosed));
        }

        private static Map<String, Object> eye(double closed) {
            return Map.of("state", closed > 0.5 ? "closed" : "open", "closed_probability", round(closed, 5));
        }
    }

    /** Probability that the face is a real, live one (not a print or screen). */
    public record Liveness(double real) implements Estimated {

        /** "real" from this probability of fr_liveness on, unless a policy's liveness_threshold says otherwise. */
        public static final double REAL_FROM = 0.5;

        @Override
        public Map<String, Object> luna() {
            // fr_liveness gives no quality: 1, as LUNA documents its own V2 quality ("always set to 1")
            Map<String, Object> estimations = new LinkedHashMap<>();
            estimations.put("probability", round(real, 5));
            estimations.put("quality", 1.0);
            return Map.of("prediction", real >= REAL_FROM ? "real" : "spoof", "estimations", estimations);
        }
    }

    /** Probabilities, in {@link #NAMES} order, summing to 1. */
    public record Emotions(double[] probabilities) implements Estimated {

        @Override
        public Map<String, Object> luna() {
            Map<String, Object> estimations = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.size(); i++) {
                estimations.put(NAMES.get(i), round(probabilities[i], 5));
            }
            return Map.of("predominant_emotion", predominant(), "estimations", estimations);
        }

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
