package io.selene.tasks.types.crossmatch;

import static io.selene.commons.json.Reasons.INTEGER_RANGE;
import static io.selene.commons.json.Reasons.REQUIRED;
import static io.selene.tasks.types.ContentRules.OBJECTS;
import static io.selene.tasks.types.ContentRules.OBJECTS_REASON;
import static io.selene.tasks.types.ContentRules.SIMILARITY_REASON;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.Range;
import tools.jackson.databind.JsonNode;

/** The {@code content} of a {@code cross_match} task: two selections and how many matches to keep. */
public record CrossMatchContent(
        @NotNull(message = REQUIRED) @Valid Side references,
        @NotNull(message = REQUIRED) @Valid Side candidates,
        @Range(min = 1, max = CrossMatchTask.MAX_LIMIT, message = INTEGER_RANGE) Integer limit,
        @DecimalMin(value = "0.0", message = SIMILARITY_REASON) @DecimalMax(value = "1.0", message = SIMILARITY_REASON)
        Double threshold,
        @Range(min = 0, max = Integer.MAX_VALUE, message = INTEGER_RANGE) Integer descriptorVersion) {

    /** The faces or events of one side. */
    public record Side(@Pattern(regexp = OBJECTS, message = OBJECTS_REASON) String objectsType, JsonNode filters) {
    }
}
