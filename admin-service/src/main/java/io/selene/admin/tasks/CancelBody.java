package io.selene.admin.tasks;

import jakarta.validation.constraints.Pattern;

/** {@code {"action": "cancel"}}, as tasks-service's own PATCH takes it (the only action; it may be left out). */
record CancelBody(@Pattern(regexp = "cancel", message = "must be one of [cancel]") String action) {
}
