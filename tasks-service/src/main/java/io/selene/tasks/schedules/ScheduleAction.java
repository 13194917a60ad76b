package io.selene.tasks.schedules;

import static io.selene.commons.json.Reasons.REQUIRED;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code PATCH /6/tasks/schedules/{id}}: {@code {"action": "start" | "stop"}}. */
record ScheduleAction(@NotNull(message = REQUIRED)
                      @Pattern(regexp = "start|stop", message = "must be one of [start, stop]") String action) {
}
