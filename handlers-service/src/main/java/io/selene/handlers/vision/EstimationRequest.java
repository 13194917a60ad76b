package io.selene.handlers.vision;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.error.PlatformErrors;
import io.selene.vision.FaceOptions;

/**
 * The detection/estimation query flags of {@code /1/detector} and {@code /1/sdk} (luna-api.md
 * §1.2). Unknown parameters and bad values are refused with 101 naming the parameter; flags for
 * estimations Selene has no model for are refused with 14013 when set to 1 (never silently ignored).
 */
record EstimationRequest(int multifacePolicy, boolean landmarks68, boolean headPose, boolean eyes, boolean emotions,
        boolean liveness, boolean basicAttributes, boolean descriptor, double scoreThreshold, Double pitchThreshold,
        Double rollThreshold, Double yawThreshold, boolean faces, boolean bodies) {

    private static final List<String> FLAGS = List.of("detect_face", "detect_body", "detect_landmarks68", "estimate_head_pose",
            "estimate_eyes_attributes", "estimate_emotions", "estimate_liveness", "estimate_basic_attributes");
    static final List<String> NOT_AVAILABLE = List.of("estimate_quality", "estimate_face_quality",
            "estimate_gaze", "estimate_mask", "estimate_mouth_attributes", "estimate_glasses", "estimate_deepfake",
            "estimate_image_modification");
    private static final List<String> VALUES = List.of("multiface_policy", "score_threshold", "pitch_threshold",
            "roll_threshold", "yaw_threshold");

    static EstimationRequest parse(Map<String, String[]> query, boolean sdk) {
        Set<String> known = new LinkedHashSet<>();
        known.addAll(FLAGS);
        known.addAll(NOT_AVAILABLE);
        known.addAll(VALUES);
        if (sdk) {
            known.add("estimate_face_descriptor");
        }
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'; known: " + known);
            }
        }
        for (String name : NOT_AVAILABLE) {
            if (flag(query, name, false)) {
                throw VisionErrors.ESTIMATION_NOT_AVAILABLE.exception(name);
            }
        }
        boolean faces = flag(query, "detect_face", true);
        boolean bodies = flag(query, "detect_body", false);
        if (!faces && !bodies) {
            throw PlatformErrors.BAD_QUERY.exception("'detect_face' and 'detect_body' are both 0: nothing to detect");
        }
        int policy = (int) number(query, "multiface_policy", 1, 0, 2, true);
        double threshold = number(query, "score_threshold", Double.NaN, 0, 1, false);
        return new EstimationRequest(policy, flag(query, "detect_landmarks68", false),
                flag(query, "estimate_head_pose", false), flag(query, "estimate_eyes_attributes", false),
                flag(query, "estimate_emotions", false), flag(query, "estimate_liveness", false),
                flag(query, "estimate_basic_attributes", false), sdk && flag(query, "estimate_face_descriptor", false),
                threshold, optional(query, "pitch_threshold"), optional(query, "roll_threshold"),
                optional(query, "yaw_threshold"), faces, bodies);
    }

    boolean filtersByPose() {
        return pitchThreshold != null || rollThreshold != null || yawThreshold != null;
    }

    /** Engine options; samples are made by the detector only. */
    FaceOptions options(boolean sample) {
        return new FaceOptions(scoreThreshold, multifacePolicy == 0 ? 1 : 0, descriptor, basicAttributes,
                headPose || filtersByPose(), eyes, liveness, emotions, sample);
    }

    private static Double optional(Map<String, String[]> query, String name) {
        double value = number(query, name, Double.NaN, 0, 180, false);
        return Double.isNaN(value) ? null : value;
    }

    static String single(Map<String, String[]> query, String name) {
        String[] values = query.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw PlatformErrors.BAD_QUERY.exception("Parameter '" + name + "' given more than once");
        }
        return values[0];
    }

    static boolean flag(Map<String, String[]> query, String name, boolean otherwise) {
        String value = single(query, name);
        if (value == null) {
            return otherwise;
        }
        return switch (value) {
            case "1" -> true;
            case "0" -> false;
            default -> throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + name
                    + "': expected 0 or 1");
        };
    }

    static double number(Map<String, String[]> query, String name, double otherwise, double min, double max,
            boolean integer) {
        String value = single(query, name);
        if (value == null) {
            return otherwise;
        }
        try {
            double number = integer ? Integer.parseInt(value) : Double.parseDouble(value);
            if (!(number >= min && number <= max)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + name + "': expected "
                    + (integer ? "an integer" : "a number") + " in " + (integer ? (int) min : min) + ".."
                    + (integer ? (int) max : max));
        }
    }
}
