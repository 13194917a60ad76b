package io.selene.sender.subscriptions;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.query.EnumeratedFilter;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.Range;
import io.selene.commons.query.ValueType;
import tools.jackson.databind.JsonNode;

/**
 * What one subscriber wants, from the handshake query. Every given filter must hold for an event to be
 * pushed (lists match any of their values). The fields are read as events-service reads them, so a
 * subscription and an event search with the same filters agree:
 * age and gender from {@code face_attributes.basic_attributes}, else the first detection's face
 * estimations; {@code object_similarity} is the best candidate similarity over the matches whose label
 * is in {@code matching_candidates_labels} (every match when not given), else {@code top_match};
 * emotions, liveness and masks from the same estimations' {@code predominant_emotion},
 * {@code prediction} and {@code predominant_mask}, by name or LUNA code ({@link EnumeratedFilter}).
 *
 * @param accounts empty: every account (only for callers with visibility {@code all})
 */
public record SubscriptionFilter(Optional<UUID> accounts, Set<UUID> handlerIds, Set<String> sources,
        Set<String> tags, Set<String> labels, Range<Double> similarity, Range<Double> age, Integer gender,
        Set<String> externalIds, String userData, Set<UUID> streamIds, Set<String> emotions, Set<String> liveness,
        Set<String> masks) {

    static final int MAX_VALUES = 100;

    private static final FilterSpec SPEC = FilterSpec.unpaged()
            .value("account_id", ValueType.UUID)
            .list("handler_ids", ValueType.UUID, MAX_VALUES)
            .list("sources", ValueType.STRING, MAX_VALUES)
            .list("tags", ValueType.STRING, MAX_VALUES)
            .list("matching_candidates_labels", ValueType.STRING, MAX_VALUES)
            .range("object_similarity", ValueType.DOUBLE)
            .range("age", ValueType.DOUBLE)
            .value("gender", ValueType.INTEGER)
            .list("external_ids", ValueType.STRING, MAX_VALUES)
            .value("user_data", ValueType.STRING)
            .list("stream_ids", ValueType.UUID, MAX_VALUES)
            .list(EnumeratedFilter.EMOTIONS.name(), ValueType.STRING, EnumeratedFilter.EMOTIONS.values().size())
            .list(EnumeratedFilter.LIVENESS.name(), ValueType.STRING, EnumeratedFilter.LIVENESS.values().size())
            .list(EnumeratedFilter.MASKS.name(), ValueType.STRING, EnumeratedFilter.MASKS.values().size());

    /** Parses the handshake query strictly: an unknown, repeated or bad parameter is a 400 (101) naming it. */
    public static SubscriptionFilter parse(Map<String, String[]> query, AccountContext caller, Clock clock) {
        Filters filters = SPEC.parse(query, clock);
        Optional<UUID> accounts = caller.readScope(filters.value("account_id"));
        Range<Double> similarity = filters.<Double>range("object_similarity").orElse(null);
        Range<Double> age = filters.<Double>range("age").orElse(null);
        within("object_similarity", similarity, 0, 1);
        within("age", age, 0, 200);
        Integer gender = filters.<Integer>value("gender").orElse(null);
        if (gender != null && gender != 0 && gender != 1) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + gender + "' of parameter 'gender': 0 or 1");
        }
        return new SubscriptionFilter(accounts, set(filters.list("handler_ids")), set(filters.list("sources")),
                set(filters.list("tags")), set(filters.list("matching_candidates_labels")), similarity, age, gender,
                set(filters.list("external_ids")), filters.<String>value("user_data").orElse(null),
                set(filters.list("stream_ids")),
                named(filters, EnumeratedFilter.EMOTIONS), named(filters, EnumeratedFilter.LIVENESS),
                named(filters, EnumeratedFilter.MASKS));
    }

    private static Set<String> named(Filters filters, EnumeratedFilter filter) {
        return filters.<String>list(filter.name()).map(values -> Set.copyOf(filter.resolve(values))).orElse(Set.of());
    }

    private static <T> Set<T> set(Optional<List<T>> values) {
        return values.map(Set::copyOf).orElse(Set.of());
    }

    private static void within(String name, Range<Double> range, double min, double max) {
        if (range == null) {
            return;
        }
        for (Double bound : new Double[] {range.gte(), range.gt(), range.lte(), range.lt()}) {
            if (bound != null && (bound < min || bound > max)) {
                throw PlatformErrors.BAD_QUERY.exception("Bad value '" + bound + "' of parameter '" + name
                        + "__*': must be in " + min + ".." + max);
            }
        }
    }

    /** Whether an event of {@code account} (generated by {@code handler}) goes to this subscriber. */
    public boolean matches(UUID account, UUID handler, JsonNode event) {
        if (accounts.isPresent() && !accounts.get().equals(account)) {
            return false;
        }
        if (!handlerIds.isEmpty() && (handler == null || !handlerIds.contains(handler))) {
            return false;
        }
        if (!sources.isEmpty() && !(event.path("source").isString() && sources.contains(event.get("source").asString()))) {
            return false;
        }
        if (!tags.isEmpty() && !anyTag(event.path("tags"))) {
            return false;
        }
        if (!externalIds.isEmpty() && !in(externalIds, event.path("external_id"))) {
            return false;
        }
        if (userData != null && !(event.path("user_data").isString()
                && userData.equals(event.get("user_data").asString()))) {
            return false;
        }
        if (!streamIds.isEmpty()) {
            UUID stream = uuid(event.path("stream_id"));
            if (stream == null || !streamIds.contains(stream)) {
                return false;
            }
        }
        if (!labels.isEmpty() || similarity != null) {
            Double best = bestSimilarity(event);
            if (best == null || (similarity != null && !similarity.contains(best))) {
                return false;
            }
        }
        if (!emotions.isEmpty() || !liveness.isEmpty() || !masks.isEmpty()) {
            JsonNode estimations = estimations(event);
            if ((!emotions.isEmpty() && !in(emotions, estimations.path("emotions").path("predominant_emotion")))
                    || (!liveness.isEmpty() && !in(liveness, estimations.path("liveness").path("prediction")))
                    || (!masks.isEmpty() && !in(masks, estimations.path("mask").path("predominant_mask")))) {
                return false;
            }
        }
        if (age != null || gender != null) {
            JsonNode basic = estimations(event).path("basic_attributes");
            if (age != null && !(basic.path("age").isNumber() && age.contains(basic.get("age").asDouble()))) {
                return false;
            }
            if (gender != null && !(basic.path("gender").isNumber()
                    && Math.round(basic.get("gender").asDouble()) == gender)) {
                return false;
            }
        }
        return true;
    }

    private static UUID uuid(JsonNode field) {
        try {
            return field.isString() ? UUID.fromString(field.asString()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean in(Set<String> values, JsonNode field) {
        return field.isString() && values.contains(field.asString());
    }

    private boolean anyTag(JsonNode eventTags) {
        for (JsonNode tag : eventTags) {
            if (tag.isString() && tags.contains(tag.asString())) {
                return true;
            }
        }
        return false;
    }

    /** Best candidate similarity over the considered matches; {@code null} when the event has none. */
    private Double bestSimilarity(JsonNode event) {
        Double best = null;
        for (JsonNode match : event.path("matches")) {
            if (!labels.isEmpty() && !(match.path("label").isString() && labels.contains(match.get("label").asString()))) {
                continue;
            }
            for (JsonNode candidate : match.path("candidates")) {
                if (candidate.path("similarity").isNumber()
                        && (best == null || candidate.get("similarity").asDouble() > best)) {
                    best = candidate.get("similarity").asDouble();
                }
            }
        }
        JsonNode top = event.path("top_match");
        if (best == null && top.path("similarity").isNumber()
                && (labels.isEmpty() || (top.path("label").isString() && labels.contains(top.get("label").asString())))) {
            best = top.get("similarity").asDouble();
        }
        return best;
    }

    private static JsonNode estimations(JsonNode event) {
        JsonNode attributes = event.path("face_attributes");
        if (attributes.isObject() && !attributes.isEmpty()) {
            return attributes;
        }
        for (JsonNode detection : event.path("detections")) {
            JsonNode face = detection.path("samples").path("face").path("detection").path("attributes");
            if (face.isObject()) {
                return face;
            }
        }
        return attributes;
    }
}
