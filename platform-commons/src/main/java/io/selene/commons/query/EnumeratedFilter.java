package io.selene.commons.query;

import java.util.ArrayList;
import java.util.List;

import io.selene.commons.error.PlatformErrors;

/**
 * A filter over an enumerated estimation, given by LUNA's names ({@code happiness}) or its integer codes
 * (emotions 1..7 in SDK order, liveness 0 spoof / 1 real / 2 unknown, masks 1 missing / 2 medical_mask /
 * 3 occluded). The events search and the Sender's subscriptions read these filters with it, so the same
 * query means the same events in both.
 *
 * @param name      the query parameter
 * @param values    the names, in code order
 * @param firstCode the code of the first name
 */
public record EnumeratedFilter(String name, List<String> values, int firstCode) {

    public static final EnumeratedFilter EMOTIONS = new EnumeratedFilter("emotions",
            List.of("anger", "disgust", "fear", "happiness", "neutral", "sadness", "surprise"), 1);
    public static final EnumeratedFilter LIVENESS = new EnumeratedFilter("liveness",
            List.of("spoof", "real", "unknown"), 0);
    public static final EnumeratedFilter MASKS = new EnumeratedFilter("masks",
            List.of("missing", "medical_mask", "occluded"), 1);

    /** The names the given values (names or codes) stand for; 400 (101) naming a value that is neither. */
    public List<String> resolve(List<String> given) {
        List<String> names = new ArrayList<>(given.size());
        for (String value : given) {
            String resolved = value;
            if (!value.isEmpty() && value.length() < 3 && value.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(value) - firstCode;
                resolved = index >= 0 && index < values.size() ? values.get(index) : null;
            }
            if (resolved == null || !values.contains(resolved)) {
                throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + name
                        + "': expected one of " + values + " or their codes " + firstCode + ".."
                        + (firstCode + values.size() - 1));
            }
            names.add(resolved);
        }
        return names;
    }
}
