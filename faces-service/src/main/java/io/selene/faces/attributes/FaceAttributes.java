package io.selene.faces.attributes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.error.PlatformErrors;
import tools.jackson.databind.JsonNode;

/**
 * Descriptors (at most one per model version), basic attributes and the ids of the samples they
 * were built from: what a temporary attribute holds and what a face keeps as its attributes.
 */
public record FaceAttributes(List<StoredDescriptor> descriptors, JsonNode basicAttributes, List<String> sampleIds) {

    public static final int MAX_SAMPLES = 100;
    private static final Pattern SAMPLE_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Set<String> BASIC_KEYS = Set.of("age", "gender", "ethnicities", "ethnicity");

    public FaceAttributes {
        descriptors = List.copyOf(descriptors);
        sampleIds = List.copyOf(sampleIds);
    }

    public boolean isEmpty() {
        return descriptors.isEmpty() && basicAttributes == null;
    }

    /**
     * Validates what a client sent: every descriptor decodes for its version (unknown version →
     * 12050, wrong length → 12051, bad base64 → 12053), versions are not repeated, basic attributes
     * have the LUNA keys with sane values, sample ids are short safe strings.
     */
    public static FaceAttributes validate(List<DescriptorInput> descriptors, JsonNode basicAttributes,
            List<String> sampleIds) {
        List<StoredDescriptor> stored = new ArrayList<>();
        Set<Integer> versions = new HashSet<>();
        if (descriptors != null) {
            if (descriptors.size() > 8) {
                throw PlatformErrors.BAD_BODY.exception("'descriptors' has " + descriptors.size()
                        + " items; at most 8 (one per model version)");
            }
            for (int i = 0; i < descriptors.size(); i++) {
                DescriptorInput input = descriptors.get(i);
                if (input == null || input.version() == null || input.data() == null) {
                    throw PlatformErrors.BAD_BODY.exception("'descriptors[" + i + "]' needs 'version' and 'data'");
                }
                byte[] raw = DescriptorCodec.decodeRawBase64(input.data(), input.version()).raw();
                if (!versions.add(input.version())) {
                    throw PlatformErrors.BAD_BODY.exception("'descriptors' repeats version " + input.version());
                }
                stored.add(new StoredDescriptor(input.version(), raw));
            }
        }
        if (basicAttributes != null && !basicAttributes.isNull()) {
            validateBasic(basicAttributes);
        } else {
            basicAttributes = null;
        }
        List<String> samples = sampleIds == null ? List.of() : sampleIds;
        if (samples.size() > MAX_SAMPLES) {
            throw PlatformErrors.BAD_BODY.exception("'sample_ids' has " + samples.size() + " items; at most "
                    + MAX_SAMPLES);
        }
        for (String sample : samples) {
            if (sample == null || !SAMPLE_ID.matcher(sample).matches()) {
                throw PlatformErrors.BAD_BODY.exception("'sample_ids' item '" + sample
                        + "' is not a sample id (1..64 of A-Z a-z 0-9 _ . -)");
            }
        }
        return new FaceAttributes(stored, basicAttributes, samples);
    }

    private static void validateBasic(JsonNode basic) {
        if (!basic.isObject()) {
            throw PlatformErrors.BAD_BODY.exception("'basic_attributes' must be an object");
        }
        for (String key : basic.propertyNames()) {
            if (!BASIC_KEYS.contains(key)) {
                throw PlatformErrors.BAD_BODY.exception("'basic_attributes." + key + "' is not a basic attribute; "
                        + "allowed: " + BASIC_KEYS);
            }
        }
        JsonNode age = basic.get("age");
        if (age != null && !age.isNull() && (!age.isNumber() || age.asDouble() < 0 || age.asDouble() > 150)) {
            throw PlatformErrors.BAD_BODY.exception("'basic_attributes.age' must be a number in 0..150");
        }
        JsonNode gender = basic.get("gender");
        if (gender != null && !gender.isNull() && (!gender.isNumber() || gender.asDouble() < 0
                || gender.asDouble() > 1)) {
            throw PlatformErrors.BAD_BODY.exception("'basic_attributes.gender' must be 0 (female) or 1 (male)");
        }
        for (String key : List.of("ethnicities", "ethnicity")) {
            JsonNode node = basic.get(key);
            if (node != null && !node.isNull() && !node.isObject()) {
                throw PlatformErrors.BAD_BODY.exception("'basic_attributes." + key + "' must be an object");
            }
        }
    }
}
