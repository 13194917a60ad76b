package io.selene.handlers.verifiers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.error.PlatformErrors;
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

    private static final Set<String> TOP = Set.of("detect_policy", "extract_policy", "verification_threshold",
            "storage_policy");
    private static final List<String> FLAGS = List.of("detect_landmarks68", "estimate_head_pose",
            "estimate_eyes_attributes", "estimate_emotions");
    /** Flags of LUNA's detect policy Selene has no model for: accepted as 0, refused as 1. */
    private static final List<String> NOT_AVAILABLE = List.of("detect_body", "estimate_quality", "estimate_gaze",
            "estimate_mask", "estimate_mouth_attributes", "estimate_glasses", "estimate_deepfake",
            "estimate_image_modification", "face_quality", "extract_exif");
    private static final List<String> ANGLES = List.of("pitch_threshold", "roll_threshold", "yaw_threshold");
    private static final Set<String> EXTRACT = Set.of("extract_basic_attributes", "extract_face_descriptor",
            "extract_body_descriptor");

    public static VerifierPolicies defaults() {
        return read(null, "policies");
    }

    /** Validates {@code node} (null or missing = every default) found at {@code path} of the body. */
    public static VerifierPolicies read(JsonNode node, String path) {
        JsonNode policies = object(node, path);
        known(policies, TOP, path);
        DetectPolicy detect = detect(object(policies.get("detect_policy"), path + ".detect_policy"),
                path + ".detect_policy");
        String extractPath = path + ".extract_policy";
        JsonNode extract = object(policies.get("extract_policy"), extractPath);
        known(extract, EXTRACT, extractPath);
        boolean basic = flag(extract, "extract_basic_attributes", extractPath, false);
        if (!flag(extract, "extract_face_descriptor", extractPath, true)) {
            throw PlatformErrors.BAD_BODY.exception("'" + extractPath
                    + ".extract_face_descriptor' must be 1: a verifier compares face descriptors");
        }
        if (flag(extract, "extract_body_descriptor", extractPath, false)) {
            throw VisionErrors.ESTIMATION_NOT_AVAILABLE.exception(extractPath + ".extract_body_descriptor");
        }
        double threshold = number(policies, "verification_threshold", path, DEFAULT_THRESHOLD, 0, 1);
        return new VerifierPolicies(detect, basic, threshold, storage(policies.get("storage_policy"),
                path + ".storage_policy"));
    }

    private static StoragePolicy storage(JsonNode node, String path) {
        JsonNode storage = object(node, path);
        known(storage, Set.of("face_sample_policy", "attribute_policy"), path);
        String samplePath = path + ".face_sample_policy";
        JsonNode sample = object(storage.get("face_sample_policy"), samplePath);
        known(sample, Set.of("store_sample"), samplePath);
        String attributePath = path + ".attribute_policy";
        JsonNode attribute = object(storage.get("attribute_policy"), attributePath);
        known(attribute, Set.of("store_attribute", "ttl"), attributePath);
        JsonNode ttl = attribute.get("ttl");
        if (ttl != null && !ttl.isNull() && (!ttl.isIntegralNumber() || ttl.asLong() < 1 || ttl.asLong() > 86400)) {
            throw PlatformErrors.BAD_BODY.exception("'" + attributePath + ".ttl' must be an integer in 1..86400");
        }
        return new StoragePolicy(flag(sample, "store_sample", samplePath, false),
                flag(attribute, "store_attribute", attributePath, false),
                ttl == null || ttl.isNull() ? null : ttl.asInt());
    }

    private static DetectPolicy detect(JsonNode detect, String path) {
        Set<String> keys = new java.util.HashSet<>(FLAGS);
        keys.addAll(NOT_AVAILABLE);
        keys.addAll(ANGLES);
        keys.addAll(List.of("detect_face", "multiface_policy", "estimate_liveness"));
        known(detect, keys, path);
        if (!flag(detect, "detect_face", path, true)) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".detect_face' must be 1: a verifier verifies faces");
        }
        for (String name : NOT_AVAILABLE) {
            if (estimate(detect, name, path)) {
                throw VisionErrors.ESTIMATION_NOT_AVAILABLE.exception(path + "." + name);
            }
        }
        JsonNode policy = detect.get("multiface_policy");
        int multiface = 1;
        if (policy != null && !policy.isNull()) {
            if (!policy.isIntegralNumber() || policy.asInt() < 0 || policy.asInt() > 2) {
                throw PlatformErrors.BAD_BODY.exception("'" + path + ".multiface_policy' must be 0, 1 or 2");
            }
            multiface = policy.asInt();
        }
        Double[] angles = new Double[3];
        for (int i = 0; i < ANGLES.size(); i++) {
            JsonNode angle = detect.get(ANGLES.get(i));
            angles[i] = angle == null || angle.isNull() ? null : number(detect, ANGLES.get(i), path, 0, 0, 180);
        }
        return new DetectPolicy(multiface, flag(detect, "detect_landmarks68", path, false),
                flag(detect, "estimate_head_pose", path, false), flag(detect, "estimate_eyes_attributes", path, false),
                flag(detect, "estimate_emotions", path, false), estimate(detect, "estimate_liveness", path),
                angles[0], angles[1], angles[2]);
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

    /** The object at {@code path}; null or missing is an empty object (all defaults). */
    private static JsonNode object(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + "' must be an object");
        }
        return node;
    }

    private static void known(JsonNode object, Set<String> keys, String path) {
        for (String name : object.propertyNames()) {
            if (!keys.contains(name)) {
                throw PlatformErrors.BAD_BODY.exception("Unknown field '" + path + "." + name + "'");
            }
        }
    }

    private static boolean flag(JsonNode object, String name, String path, boolean otherwise) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isIntegralNumber() || (value.asInt() != 0 && value.asInt() != 1)) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + "." + name + "' must be 0 or 1");
        }
        return value.asInt() == 1;
    }

    /** An estimation switch: LUNA writes some as {@code {"estimate": 0|1}}, others as a plain 0|1. */
    private static boolean estimate(JsonNode object, String name, String path) {
        JsonNode value = object.get(name);
        if (value != null && value.isObject()) {
            known(value, Set.of("estimate"), path + "." + name);
            return flag(value, "estimate", path + "." + name, false);
        }
        return flag(object, name, path, false);
    }

    private static double number(JsonNode object, String name, String path, double otherwise, double min,
            double max) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isNumber() || !(value.asDouble() >= min && value.asDouble() <= max)) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + "." + name + "' must be a number in " + min + ".."
                    + max);
        }
        return value.asDouble();
    }
}
