package io.selene.tasks.types.exporter;

import static io.selene.tasks.types.ContentRules.OBJECTS;
import static io.selene.tasks.types.ContentRules.OBJECTS_REASON;

import java.util.List;

import io.selene.commons.json.ZeroOrOne;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code content} of an {@code exporter} task. {@code targets} are checked against the columns of the
 * objects type by the task (more than it has are refused there as unknown or named twice).
 */
public record ExporterContent(
        @Pattern(regexp = OBJECTS, message = OBJECTS_REASON) String objectsType,
        JsonNode filters,
        @Size(min = 1, max = 256, message = "must be an array of {min}..{max} strings")
        List<@NotNull(message = ITEM) @Size(min = 1, max = 64, message = ITEM) String> targets,
        @Pattern(regexp = "csv|json", message = "must be one of [csv, json]") String format,
        @JsonDeserialize(using = ZeroOrOne.class) Boolean withSamples) {

    static final String ITEM = "must be a string of 1..64 characters";
}
