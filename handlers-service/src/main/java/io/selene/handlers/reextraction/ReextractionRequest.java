package io.selene.handlers.reextraction;

import static io.selene.commons.json.Reasons.INTEGER_RANGE;
import static io.selene.commons.json.Reasons.LENGTH;
import static io.selene.commons.json.Reasons.REQUIRED;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.Range;

/** The body of {@code POST /1/samples/descriptors}: 1..64 objects of 1..16 stored samples each. */
record ReextractionRequest(
        @Range(min = 1, max = Integer.MAX_VALUE, message = INTEGER_RANGE) Integer descriptorVersion,
        @NotNull(message = REQUIRED)
        @Size(min = 1, max = ReextractionController.MAX_OBJECTS, message = "must hold {min}..{max} objects")
        List<@Valid SampledObject> objects) {

    /** A face or an event and the samples its descriptor is made from. */
    record SampledObject(
            @NotNull(message = REQUIRED) @Size(min = 1, max = 128, message = LENGTH) String id,
            @NotNull(message = REQUIRED)
            @Size(min = 1, max = ReextractionController.MAX_SAMPLES, message = "must be an array of {min}..{max} strings")
            List<@NotNull(message = REQUIRED) @Size(min = 1, max = 128, message = LENGTH) String> sampleIds) {
    }
}
