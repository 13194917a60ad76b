package io.selene.tasks.types.reporter;

import static io.selene.commons.json.Reasons.REQUIRED;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The {@code content} of a {@code reporter} task (events by default). The columns a group may name depend on
 * the objects type, so the task checks them.
 */
public record ReporterContent(
        @Pattern(regexp = "events|faces", message = "must be one of [events, faces]") String objectsType,
        JsonNode filters,
        @NotNull(message = GROUPS) @Size(min = 1, max = 3, message = GROUPS)
        List<@NotNull(message = "must be a JSON object") @Valid Group> groupBy,
        @Size(min = 1, max = 4, message = "must be an array of {min}..{max} strings")
        List<@NotNull(message = AGGREGATE) @Pattern(regexp = "count|avg_age|min_age|max_age", message = AGGREGATE)
                String> aggregates) {

    static final String GROUPS = "must hold 1..3 {\"column\", \"period\"?}";
    static final String AGGREGATE = "must be one of [count, avg_age, min_age, max_age]";

    /** One grouping: a column and, for a time column, its period (a day by default). */
    public record Group(
            @NotNull(message = REQUIRED) String column,
            @Pattern(regexp = "hour|day|week|month|year", message = "must be one of [hour, day, week, month, year]")
            String period) {
    }
}
