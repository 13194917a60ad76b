package io.selene.tasks.schedules;

import static io.selene.commons.json.Reasons.LENGTH;
import static io.selene.commons.json.Reasons.REQUIRED;

import io.selene.tasks.api.TaskBodies.StoragePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /6/tasks/schedules}: when, and the task to create then. */
record NewSchedule(
        @NotNull(message = REQUIRED) @Size(min = 1, max = 128, message = LENGTH) String cron,
        @Size(min = 1, max = 64, message = LENGTH) String cronTimezone,
        @Pattern(regexp = "start|stop", message = "must be one of [start, stop]") String action,
        @NotNull(message = REQUIRED) @Valid Task task) {

    /** A task body with its type ({@code "gc"} or {@code 8}); the content is read by that type. */
    record Task(
            @NotNull(message = REQUIRED) JsonNode taskType,
            @Size(max = 128, message = LENGTH) String description,
            @Valid StoragePolicy resultStoragePolicy,
            @NotNull(message = REQUIRED) JsonNode content) {
    }
}
