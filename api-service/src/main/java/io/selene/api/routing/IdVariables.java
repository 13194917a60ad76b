package io.selene.api.routing;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.selene.commons.error.PlatformErrors;
import io.selene.commons.ids.Ids;

/**
 * Id path variables are checked at the gateway, before forwarding: an id segment that is not an id
 * could otherwise name a service's internal endpoint at the same depth ({@code /6/lists/changes} is
 * {@code /3/lists/changes}, the matcher's change feed). The answer is the one the service itself
 * gives for a malformed id. Image, object and sample ids are names the image store checks itself.
 */
final class IdVariables {

    private static final Set<String> UUIDS = Set.of("account_id", "attribute_id", "event_id", "face_id",
            "handler_id", "list_id", "schedule_id", "token_id", "verifier_id");
    private static final Set<String> POSITIVE_INTEGERS = Set.of("task_id", "error_id");
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,18}");

    private IdVariables() {
    }

    static void check(Map<String, String> values) {
        values.forEach((name, value) -> {
            if (UUIDS.contains(name)) {
                Ids.uuid(name, value);
            } else if (POSITIVE_INTEGERS.contains(name) && !DIGITS.matcher(value).matches()) {
                throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of '" + name
                        + "': expected a positive integer");
            }
        });
    }
}
