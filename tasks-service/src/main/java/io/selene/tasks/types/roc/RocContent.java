package io.selene.tasks.types.roc;

import static io.selene.commons.json.Reasons.INTEGER_RANGE;
import static io.selene.tasks.types.ContentRules.OBJECTS;
import static io.selene.tasks.types.ContentRules.OBJECTS_REASON;

import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.Range;
import tools.jackson.databind.JsonNode;

/** The {@code content} of a {@code roc} task; the markup is checked by {@link RocTask#markup} (its own code). */
public record RocContent(
        @Pattern(regexp = OBJECTS, message = OBJECTS_REASON) String objectsType,
        @Range(min = 0, max = Integer.MAX_VALUE, message = INTEGER_RANGE) Integer descriptorVersion,
        JsonNode markup) {
}
