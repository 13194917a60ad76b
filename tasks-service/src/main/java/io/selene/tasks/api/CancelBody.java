package io.selene.tasks.api;

import jakarta.validation.constraints.Pattern;

/** {@code PATCH /6/tasks/{id}}: {@code {"action": "cancel"}}, the only action (it may be left out). */
record CancelBody(@Pattern(regexp = "cancel", message = "must be one of [cancel]") String action) {
}
