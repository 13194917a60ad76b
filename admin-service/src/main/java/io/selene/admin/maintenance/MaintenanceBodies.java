package io.selene.admin.maintenance;

import static io.selene.commons.json.Reasons.INTEGER_RANGE;
import static io.selene.commons.json.Reasons.REQUIRED;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.Range;

/** The bodies of the admin API's maintenance routes. */
final class MaintenanceBodies {

    private MaintenanceBodies() {
    }

    record Gc(@NotNull(message = REQUIRED) @Range(min = 1, max = Maintenance.MAX_DAYS, message = INTEGER_RANGE)
              Integer olderThanDays) {
    }

    record Reextraction(@Range(min = 1, max = 100_000, message = INTEGER_RANGE) Integer descriptorVersion) {
    }
}
