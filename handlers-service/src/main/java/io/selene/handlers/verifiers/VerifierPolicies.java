package io.selene.handlers.verifiers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.far.FarTables;
import io.selene.commons.json.JsonFields;
import io.selene.handlers.vision.EstimationFlags;
import io.selene.handlers.vision.EstimationRequest;
import io.selene.handlers.vision.VisionErrors;
import io.selene.vision.Estimation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A verifier's policies (luna-api.md §3.5): how faces are detected and estimated on the posted
 * images, whether basic attributes are extracted, and the similarity at which a pair counts as the
 * same person. Read strictly: an unknown key, a bad type or a value out of range is a 400 naming
 * its path ({@code policies.detect_policy.yaw_threshold}); an estimation Selene has no model for is
 * refused with 14013 when set to 1, never ignored. Every default is filled in, so GET shows them.
 *
 * @param detectPolicy          what the detect policy asks for (faces always, a descriptor always added when verifying)
 * @param verificationThreshold similarity (platform-commons {@code Similarity} scale) at or above
 *                              which a verification's {@code status} is true
 * @param verificationFar       a FAR preset (1e-3 | 1e-4 | 1e-5) standing for the similarity where it
 *                              is reached, or null; with it the threshold is the higher of the two
 *                              (verification_threshold then defaults to 0, so the preset alone decides)
 * @param storagePolicy         what a verification keeps of each verified face (nothing by default)
 */
public record VerifierPolicies(EstimationRequest detectPolicy, boolean extractBasicAttributes,
        double verificationThreshold, Double verificationFar, StoragePolicy storagePolicy) {

    /** LUNA's documented verifier default is not public; 0.9 is the value LUNA clients use (≈ cosine 0.58 here). */
    public static final double DEFAULT_THRESHOLD = 0.9;

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

    private static final List<String> ANGLES = List.of("pitch_threshold", "roll_threshold", "yaw_threshold");

    public static VerifierPolicies defaults() {
        return read(null, "policies");
    }

    /** Validates {@code node} (null or missing = every default) found at {@code path} of the body. */
    public static VerifierPolicies read(JsonNode node, String path) {
        JsonFields policies = JsonFields.of(node, path);
        EstimationRequest detect = detect(policies.object("detect_policy"));
        JsonFields extract = policies.object("extract_policy");
        Set<Estimation> extracted = EstimationFlags.fromPolicy(extract, "extract_policy",
                Set.of(Estimation.FACE_DESCRIPTOR), null);
        if (!extracted.contains(Estimation.FACE_DESCRIPTOR)) {
            throw JsonFields.bad(extract.path("extract_face_descriptor"),
                    "must be 1: a verifier compares face descriptors");
        }
        boolean basic = extracted.contains(Estimation.BASIC_ATTRIBUTES);
        extract.finish();
        Double far = FarTables.preset(policies, "verification_far");
        double threshold = policies.number("verification_threshold", far == null ? DEFAULT_THRESHOLD : 0.0, 0, 1);
        StoragePolicy storage = storage(policies.object("storage_policy"));
        policies.finish();
        return new VerifierPolicies(detect, basic, threshold, far, storage);
    }

    /** The similarity at or above which a pair verifies: the threshold, raised to the FAR preset's. */
    public double threshold(FarTables farTables) {
        return verificationFar == null ? verificationThreshold
                : Math.max(verificationThreshold, farTables.faces().similarityAt(verificationFar));
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

    /** The detect policy: faces only (a verifier verifies faces), as handlers read theirs. */
    private static EstimationRequest detect(JsonFields detect) {
        Set<Estimation> estimations = EstimationFlags.fromPolicy(detect, "detect_policy",
                Set.of(Estimation.FACE_DETECTION), null);
        if (!estimations.contains(Estimation.FACE_DETECTION)) {
            throw JsonFields.bad(detect.path("detect_face"), "must be 1: a verifier verifies faces");
        }
        if (estimations.contains(Estimation.BODY_DETECTION)) {
            throw VisionErrors.ESTIMATION_NOT_AVAILABLE.exception(detect.path("detect_body"),
                    "a verifier verifies faces");
        }
        int multiface = detect.integer("multiface_policy", 1, 0, 2);
        Double[] angles = new Double[ANGLES.size()];
        for (int i = 0; i < ANGLES.size(); i++) {
            angles[i] = detect.number(ANGLES.get(i), null, 0, 180);
        }
        detect.finish();
        return new EstimationRequest(estimations, multiface, Double.NaN, angles[0], angles[1], angles[2]);
    }

    /** LUNA's policies as stored and answered: every field, defaults included. */
    public Map<String, Object> write() {
        ObjectNode detect = JsonNodeFactory.instance.objectNode();
        EstimationFlags.write(detect, "detect_policy", detectPolicy.estimations());
        detect.put("multiface_policy", detectPolicy.multifacePolicy());
        detect.put("pitch_threshold", detectPolicy.pitchThreshold());
        detect.put("roll_threshold", detectPolicy.rollThreshold());
        detect.put("yaw_threshold", detectPolicy.yawThreshold());
        ObjectNode extract = JsonNodeFactory.instance.objectNode();
        EstimationFlags.write(extract, "extract_policy", extractBasicAttributes
                ? Set.of(Estimation.FACE_DESCRIPTOR, Estimation.BASIC_ATTRIBUTES) : Set.of(Estimation.FACE_DESCRIPTOR));
        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("detect_policy", detect);
        policies.put("extract_policy", extract);
        policies.put("verification_threshold", verificationThreshold);
        policies.put("verification_far", verificationFar);
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

}
