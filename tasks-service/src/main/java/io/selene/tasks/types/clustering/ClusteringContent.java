package io.selene.tasks.types.clustering;

import static io.selene.commons.json.Reasons.INTEGER_RANGE;
import static io.selene.tasks.types.ContentRules.OBJECTS;
import static io.selene.tasks.types.ContentRules.OBJECTS_REASON;
import static io.selene.tasks.types.ContentRules.SIMILARITY_REASON;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.Range;
import tools.jackson.databind.JsonNode;

/** The {@code content} of a {@code clustering} task; continuing a previous task is checked by the task. */
public record ClusteringContent(
        @Pattern(regexp = OBJECTS, message = OBJECTS_REASON) String objectsType,
        JsonNode filters,
        @DecimalMin(value = "0.0", message = SIMILARITY_REASON) @DecimalMax(value = "1.0", message = SIMILARITY_REASON)
        Double threshold,
        @Pattern(regexp = "single|average", message = "must be one of [single, average]") String linkage,
        @Range(min = 0, max = Integer.MAX_VALUE, message = INTEGER_RANGE) Integer descriptorVersion,
        @Range(min = 1, max = Integer.MAX_VALUE, message = INTEGER_RANGE) Integer previousTaskId) {
}
