package io.selene.handlers.verifiers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.commons.json.JsonFields;
import io.selene.handlers.vision.VisionErrors;
import tools.jackson.databind.JsonNode;

/**
 * A verifier's policies (luna-api.md §3.5): how faces are detected and estimated on the posted
 * images, whether basic attributes are extracted, and the similarity at which a pair counts as the
 * same person. Read strictly: an unknown key, a bad type or a value out of range is a 400 naming
 * its path ({@code policies.detect_policy.yaw_threshold}); an estimation Selene has no model for is
 * refused with 14013 when set to 1, never ignored. Every default is filled in, so GET shows them.
 *
 * @param verificationThreshold similarity (platform-commons {@code Similarity} scale) at or above
 *                              which a verification's {@code status} is true
 * @param storagePolicy         what a verification keeps of each verified face (nothing by default)
 */
public record VerifierPolicies(DetectPolicy detectPolicy, boolean extractBasicAttributes,
        double verificationThreshold, StoragePolicy storagePolicy) {

    /** LUNA's documented verifier default is not public; 0.9 is the value LUNA clients use (≈ cosine 0.58 here). */
    public static final double DEFAULT_THRESHOLD = 0.9;

    /**
     * @param multifacePolicy 0 = the best face only, 1 = every face (default), 2 = every face, verified
     *                        for the best one only
     * @param pitchThreshold  null = no pose filtering on that axis, else 0..180 degrees
     */
    public record DetectPolicy(int multifacePolicy, boolean landmarks68, boolean headPose, boolean eyes,
            boolean emotions, boolean liveness, Double pitchThreshold, Double rollThreshold, Double yawThreshold) {

        boolean filtersByPose() {
            return pitchThreshold != null || rollThreshold != null || yawThreshold != null;
        }
    }

    /**
     * @param storeSample    store each verified face's sample (250×250 warp) in Image Store
     * @param storeAttribute keep its descriptor (and basic attributes) as a temporary attribute in Faces
     * @param attributeTtl   lifetime of that attribute in seconds (1..86400); null = the service default
     */
    public record StoragePolicy(boolean storeSample, boolean storeAttribute, Integer attributeTtl) {

        boolean storesAnything() {
            return storeSample || storeAttribute;
        }
    }

    /** Flags of LUNA's detect policy Selene has no model for: accepted as 0, refused as 1. */
    private static final List<String> NOT_AVAILABLE = List.of("detect_body", "estimate_quality", "estimate_gaze",
            "estimate_mask", "estimate_mouth_attributes", "estimate_glasses", "estimate_deepfake",
            "estimate_image_modification", "face_quality", "extract_exif");
    private static final List<String> ANGLES = List.of("pitch_threshold", "roll_threshold", "yaw_threshold");

    public static VerifierPolicies defaults() {
        return read(null, "policies");
    }

    /** Validates {@code node} (null or missing = every default) found at {@code path} of the body. */
    public static VerifierPolicies read(JsonNode node, String path) {
        JsonFields policies = JsonFields.of(node, path);
        DetectPolicy detect = detect(policies.object("detect_policy"));
        JsonFields extract = policies.object("extract_policy");
        boolean basic = extract.flag("extract_basic_attributes", 0) == 1;
        if (extract.flag("extract_face_descriptor", 1) != 1) {
            throw JsonFields.bad(extract.path("extract_face_descriptor"),
                    "must be 1: a verifier compares face descriptors");
        }
        if (extract.flag("extract_body_descriptor", 0) == 1) {
            throw VisionErrors.ESTIMATION_NOT_AVAILABLE.exception(extract.path("extract_body_descriptor"));
        }
        extract.finish();
        double threshold = policies.number("verification_threshold", DEFAULT_THRESHOLD, 0, 1);
        StoragePolicy storage = storage(policies.object("storage_policy"));
        policies.finish();
        return new VerifierPolicies(detect, basic, threshold, storage);
    }

    private static StoragePolicy storage(JsonFields storage) {
        JsonFields sample = storage.object("face_sample_policy");
        boolean storeSample = sample.flag("store_sample", 0) == 1;
        sample.finish();
        JsonFields attribute = storage.object("attribute_policy");
        boolean storeAttribute = attribute.flag("store_attribute", 0) == 1;
        Integer ttl = attribute.optionalInteger("ttl", 1, 86400);
        attribute.finish();
        storage.finish();
        return new StoragePolicy(storeSample, storeAttribute, ttl);
    }

    private static DetectPolicy detect(JsonFields detect) {
        if (detect.flag("detect_face", 1) != 1) {
            throw JsonFields.bad(detect.path("detect_face"), "must be 1: a verifier verifies faces");
        }
        for (String name : NOT_AVAILABLE) {
            if (estimate(detect, name)) {
                throw VisionErrors.ESTIMATION_NOT_AVAILABLE.exception(detect.path(name));
            }
        }
        int multiface = detect.integer("multiface_policy", 1, 0, 2);
        Double[] angles = new Double[ANGLES.size()];
        for (int i = 0; i < ANGLES.size(); i++) {
            angles[i] = detect.number(ANGLES.get(i), null, 0, 180);
        }
        DetectPolicy policy = new DetectPolicy(multiface, detect.flag("detect_landmarks68", 0) == 1,
                detect.flag("estimate_head_pose", 0) == 1, detect.flag("estimate_eyes_attributes", 0) == 1,
                detect.flag("estimate_emotions", 0) == 1, estimate(detect, "estimate_liveness"),
                angles[0], angles[1], angles[2]);
        detect.finish();
        return policy;
    }

    /** LUNA's policies as stored and answered: every field, defaults included. */
    public Map<String, Object> write() {
        Map<String, Object> detect = new LinkedHashMap<>();
        detect.put("detect_face", 1);
        detect.put("multiface_policy", detectPolicy.multifacePolicy());
        detect.put("detect_landmarks68", bit(detectPolicy.landmarks68()));
        detect.put("estimate_head_pose", bit(detectPolicy.headPose()));
        detect.put("estimate_eyes_attributes", bit(detectPolicy.eyes()));
        detect.put("estimate_emotions", bit(detectPolicy.emotions()));
        detect.put("estimate_liveness", Map.of("estimate", bit(detectPolicy.liveness())));
        detect.put("pitch_threshold", detectPolicy.pitchThreshold());
        detect.put("roll_threshold", detectPolicy.rollThreshold());
        detect.put("yaw_threshold", detectPolicy.yawThreshold());
        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put("extract_basic_attributes", bit(extractBasicAttributes));
        extract.put("extract_face_descriptor", 1);
        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("detect_policy", detect);
        policies.put("extract_policy", extract);
        policies.put("verification_threshold", verificationThreshold);
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("store_attribute", bit(storagePolicy.storeAttribute()));
        attribute.put("ttl", storagePolicy.attributeTtl());
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("face_sample_policy", Map.of("store_sample", bit(storagePolicy.storeSample())));
        storage.put("attribute_policy", attribute);
        policies.put("storage_policy", storage);
        return policies;
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }

    /** An estimation switch: LUNA writes some as {@code {"estimate": 0|1}}, others as a plain 0|1. */
    private static boolean estimate(JsonFields object, String name) {
        JsonNode value = object.raw(name);
        if (value != null && value.isObject()) {
            JsonFields estimate = object.object(name);
            boolean on = estimate.flag("estimate", 0) == 1;
            estimate.finish();
            return on;
        }
        return object.flag(name, 0) == 1;
    }
}
