package io.selene.vision;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.selene.vision.models.Model;

/**
 * LUNA's detections and estimations as data: for each, the flags that ask for it (in the query of
 * {@code /sdk} and {@code /detector}, and in handler and verifier policies: {@code detect_policy.*},
 * {@code extract_policy.*}), the model files it needs, and the key its answer has among a face's
 * attributes. The face engine runs one step per {@link Kind#FACE} estimation ({@code FaceEngine}'s
 * steps); an estimation without models is one Selene has no model for, accepted as 0 and refused
 * as 1, and one whose model file is missing is switched off the same way (see
 * {@link FaceEngine#unavailable}).
 *
 * <p>Adding an estimation: an entry here, its step in {@code FaceEngine}, and its value's LUNA answer
 * ({@link FaceAnalysis.Estimated}). A second descriptor model is a second descriptor entry with its model.
 */
public enum Estimation {

    FACE_DETECTION(Kind.DETECTION, null, List.of("detect_face"), List.of("detect_policy.detect_face"), null,
            Model.DETECT, Model.LANDMARK),
    BODY_DETECTION(Kind.DETECTION, null, List.of("detect_body"), List.of("detect_policy.detect_body"), null,
            Model.BODY),
    /** The 68 landmarks are always found (alignment needs them); the flag only adds them to the answer. */
    LANDMARKS68(Kind.DETAIL, null, List.of("detect_landmarks68"), List.of("detect_policy.detect_landmarks68"), null,
            Model.LANDMARK),

    FACE_DESCRIPTOR(Kind.FACE, null, List.of("estimate_face_descriptor"),
            List.of("extract_policy.extract_face_descriptor"), null, Model.FEATURE),
    BASIC_ATTRIBUTES(Kind.FACE, "basic_attributes", List.of("estimate_basic_attributes"),
            List.of("extract_policy.extract_basic_attributes"), null, Model.AGE, Model.GENDER),
    HEAD_POSE(Kind.FACE, "head_pose", List.of("estimate_head_pose"), List.of("detect_policy.estimate_head_pose"), null,
            Model.POSE),
    EYES(Kind.FACE, "eyes", List.of("estimate_eyes_attributes"), List.of("detect_policy.estimate_eyes_attributes"),
            null, Model.EYE),
    EMOTIONS(Kind.FACE, "emotions", List.of("estimate_emotions"), List.of("detect_policy.estimate_emotions"), null,
            Model.EXPRESSION),
    LIVENESS(Kind.FACE, "liveness", List.of("estimate_liveness"), List.of("detect_policy.estimate_liveness"),
            List.of("liveness_threshold", "quality_threshold"), Model.LIVENESS),

    // LUNA estimations Selene has no model for
    QUALITY(Kind.FACE, null, List.of("estimate_face_quality", "estimate_quality"),
            List.of("detect_policy.face_quality", "detect_policy.estimate_quality"), List.of("checks")),
    GAZE(Kind.FACE, null, List.of("estimate_gaze"), List.of("detect_policy.estimate_gaze"), null),
    MASK(Kind.FACE, null, List.of("estimate_mask"), List.of("detect_policy.estimate_mask"), null),
    MOUTH(Kind.FACE, null, List.of("estimate_mouth_attributes"), List.of("detect_policy.estimate_mouth_attributes"),
            null),
    GLASSES(Kind.FACE, null, List.of("estimate_glasses"), List.of("detect_policy.estimate_glasses"), null),
    DEEPFAKE(Kind.FACE, null, List.of("estimate_deepfake"), List.of("detect_policy.estimate_deepfake"),
            List.of("real_threshold", "mode")),
    IMAGE_MODIFICATION(Kind.DETAIL, null, List.of("estimate_image_modification"),
            List.of("detect_policy.estimate_image_modification"), null),
    EXIF(Kind.DETAIL, null, List.of("extract_exif"), List.of("detect_policy.extract_exif"), null),
    /** LUNA's face warp image in the answer; not made (Selene answers no images from /sdk). */
    FACE_WARP(Kind.DETAIL, null, List.of("estimate_face_warp"), List.of(), null),
    FACE_OCCLUSION(Kind.FACE, null, List.of("estimate_face_occlusion"), List.of(), null),
    PEOPLE_COUNT(Kind.DETAIL, null, List.of("estimate_people_count"), List.of(), null),
    BODY_WARP(Kind.DETAIL, null, List.of("estimate_body_warp"), List.of(), null),
    BODY_DESCRIPTOR(Kind.BODY, null, List.of("estimate_body_descriptor"),
            List.of("extract_policy.extract_body_descriptor"), null),
    BODY_BASIC_ATTRIBUTES(Kind.BODY, null, List.of("estimate_body_basic_attributes"),
            List.of("detect_policy.body_attributes.estimate_basic_attributes"), null),
    UPPER_BODY(Kind.BODY, null, List.of("estimate_upper_body"),
            List.of("detect_policy.body_attributes.estimate_upper_body"), null),
    LOWER_BODY(Kind.BODY, null, List.of("estimate_lower_body"),
            List.of("detect_policy.body_attributes.estimate_lower_body"), null),
    ACCESSORIES(Kind.BODY, null, List.of("estimate_accessories"),
            List.of("detect_policy.body_attributes.estimate_accessories"), null);

    /** What an estimation is made on. */
    public enum Kind {
        /** A detector: faces or bodies in the image. */
        DETECTION,
        /** A step the face engine runs on each detected face. */
        FACE,
        /** Something added to the answer from what detection found anyway (or an image property). */
        DETAIL,
        /** An estimation of a detected body. */
        BODY
    }

    private final Kind kind;
    private final String answer;
    private final List<String> queryFlags;
    private final List<String> policyFlags;
    private final List<String> settings;
    private final List<Model> models;

    Estimation(Kind kind, String answer, List<String> queryFlags, List<String> policyFlags, List<String> settings,
            Model... models) {
        this.kind = kind;
        this.answer = answer;
        this.queryFlags = queryFlags;
        this.policyFlags = policyFlags;
        this.settings = settings;
        this.models = List.of(models);
    }

    public Kind kind() {
        return kind;
    }

    /** The key of its answer among a face's attributes ({@code head_pose}), or null. */
    public String answer() {
        return answer;
    }

    /** The query flags of {@code /sdk} and {@code /detector} that ask for it, the first one LUNA's main name. */
    public List<String> queryFlags() {
        return queryFlags;
    }

    /** Its flags in a policy ({@code detect_policy.estimate_emotions}), the first one the name policies are answered with. */
    public List<String> policyFlags() {
        return policyFlags;
    }

    /**
     * The other keys of its policy object when a policy gives it as {@code {"estimate": 0|1, ...}} (and is
     * answered that way), or null when it is a plain 0|1 flag.
     */
    public List<String> settings() {
        return settings;
    }

    /** The model files it needs; empty: Selene has no model for it. */
    public List<Model> models() {
        return models;
    }

    /** Whether Selene has a model for it at all. */
    public boolean known() {
        return !models.isEmpty();
    }

    /** The name a refusal uses: its main query flag, else its main policy flag. */
    public String flag() {
        return queryFlags.isEmpty() ? policyFlags.getFirst() : queryFlags.getFirst();
    }

    /** The estimations the face engine runs a step for. */
    public static Set<Estimation> faceSteps() {
        Set<Estimation> steps = EnumSet.noneOf(Estimation.class);
        for (Estimation estimation : values()) {
            if (estimation.kind == Kind.FACE && estimation.known()) {
                steps.add(estimation);
            }
        }
        return steps;
    }
}
