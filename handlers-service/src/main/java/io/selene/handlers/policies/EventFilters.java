package io.selene.handlers.policies;

import java.util.ArrayList;
import java.util.List;

import io.selene.commons.json.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * LUNA's "complex filters" of storage, tag and match policies, tested on the event being made
 * (luna-api.md §3.4 shape). Every given filter must hold; a filter on something the event does not
 * have (no age estimated, no match with that label) does not hold.
 */
public record EventFilters(Range age, Integer gender, List<String> emotions, List<String> liveness,
        List<String> masks, List<String> sources, List<MatchFilter> match, String topMatchLabel,
        Range topSimilarity) {

    public static final EventFilters NONE = new EventFilters(Range.ANY, null, List.of(), List.of(), List.of(),
            List.of(), List.of(), null, Range.ANY);

    /** LUNA's names, in the order of their integer codes (emotions from 1, liveness from 0, masks from 1). */
    static final List<String> EMOTIONS = List.of("anger", "disgust", "fear", "happiness", "neutral", "sadness",
            "surprise");
    static final List<String> LIVENESS = List.of("spoof", "real", "unknown");
    static final List<String> MASKS = List.of("missing", "medical_mask", "occluded");
    static final int MAX_MATCH_FILTERS = 16;
    static final int MAX_SOURCES = 100;

    private static final List<String> SUFFIXES = List.of("__gte", "__gt", "__lte", "__lt");

    /** A numeric range; {@code null} bounds are open. */
    public record Range(Double gte, Double gt, Double lte, Double lt) {
        static final Range ANY = new Range(null, null, null, null);

        public boolean isEmpty() {
            return gte == null && gt == null && lte == null && lt == null;
        }

        public boolean test(double value) {
            return (gte == null || value >= gte) && (gt == null || value > gt) && (lte == null || value <= lte)
                    && (lt == null || value < lt);
        }
    }

    /** {@code {"label", "similarity__gte", ...}}: the best similarity of the label's candidates lies in the range. */
    public record MatchFilter(String label, Range similarity) {
    }

    public boolean isEmpty() {
        return age.isEmpty() && gender == null && emotions.isEmpty() && liveness.isEmpty() && masks.isEmpty()
                && sources.isEmpty() && match.isEmpty() && topMatchLabel == null && topSimilarity.isEmpty();
    }

    public boolean test(JsonNode event) {
        if (isEmpty()) {
            return true;
        }
        if (!age.isEmpty()) {
            JsonNode value = attribute(event, "basic_attributes", "age");
            if (!value.isNumber() || !age.test(value.doubleValue())) {
                return false;
            }
        }
        if (gender != null) {
            JsonNode value = attribute(event, "basic_attributes", "gender");
            if (!value.isNumber() || Math.round(value.doubleValue()) != gender) {
                return false;
            }
        }
        if (!named(emotions, attribute(event, "emotions", "predominant_emotion"))
                || !named(liveness, attribute(event, "liveness", "prediction"))
                || !named(masks, attribute(event, "mask", "predominant_mask"))
                || !named(sources, event.path("source"))) {
            return false;
        }
        for (MatchFilter filter : match) {
            Double best = bestSimilarity(event, filter.label());
            if (best == null || !filter.similarity().test(best)) {
                return false;
            }
        }
        JsonNode top = event.path("top_match");
        if (topMatchLabel != null && !topMatchLabel.equals(top.path("label").asString(null))) {
            return false;
        }
        return topSimilarity.isEmpty()
                || top.path("similarity").isNumber() && topSimilarity.test(top.path("similarity").doubleValue());
    }

    private static boolean named(List<String> allowed, JsonNode value) {
        return allowed.isEmpty() || value.isString() && allowed.contains(value.stringValue());
    }

    /** The event's face attribute, else the first detection's face estimation that has it. */
    private static JsonNode attribute(JsonNode event, String group, String name) {
        JsonNode value = event.path("face_attributes").path(group).path(name);
        if (!value.isMissingNode() && !value.isNull()) {
            return value;
        }
        for (JsonNode detection : event.path("detections")) {
            value = detection.path("samples").path("face").path("detection").path("attributes").path(group).path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                return value;
            }
        }
        return event.path("face_attributes").path(group).path(name);
    }

    private static Double bestSimilarity(JsonNode event, String label) {
        Double best = null;
        for (JsonNode m : event.path("matches")) {
            if (label.equals(m.path("label").asString(null))) {
                for (JsonNode candidate : m.path("candidates")) {
                    JsonNode similarity = candidate.path("similarity");
                    if (similarity.isNumber() && (best == null || similarity.doubleValue() > best)) {
                        best = similarity.doubleValue();
                    }
                }
            }
        }
        return best;
    }

    /** Reads {@code filters}; unknown keys and bad values are refused naming their path. */
    static EventFilters read(JsonFields f) {
        Range age = range(f, "age", 0, 200);
        Integer gender = f.optionalInteger("gender", 0, 1);
        List<String> emotions = names(f, "emotions", EMOTIONS, 1);
        List<String> liveness = names(f, "liveness", LIVENESS, 0);
        List<String> masks = names(f, "masks", MASKS, 1);
        List<String> sources = new ArrayList<>();
        List<JsonNode> rawSources = f.array("sources", MAX_SOURCES);
        for (int i = 0; i < rawSources.size(); i++) {
            JsonNode source = rawSources.get(i);
            if (!source.isString() || source.stringValue().isEmpty() || source.stringValue().length() > 128) {
                throw JsonFields.bad(f.path("sources") + "[" + i + "]", "must be a string of 1..128 characters");
            }
            sources.add(source.stringValue());
        }
        List<MatchFilter> match = new ArrayList<>();
        List<JsonNode> rawMatch = f.array("match", MAX_MATCH_FILTERS);
        for (int i = 0; i < rawMatch.size(); i++) {
            JsonFields m = JsonFields.of(rawMatch.get(i), f.path("match") + "[" + i + "]");
            String label = m.string("label", null, 1, PolicyReader.MAX_LABEL);
            if (label == null) {
                throw JsonFields.bad(m.path("label"), "is required");
            }
            match.add(new MatchFilter(label, range(m, "similarity", 0, 1)));
            m.finish();
        }
        String topLabel = f.string("top_matching_candidates_label", null, 1, PolicyReader.MAX_LABEL);
        Range top = range(f, "top_similar_object_similarity", 0, 1);
        f.finish();
        EventFilters filters = new EventFilters(age, gender, List.copyOf(emotions), List.copyOf(liveness),
                List.copyOf(masks), List.copyOf(sources), List.copyOf(match), topLabel, top);
        return filters.isEmpty() ? NONE : filters;
    }

    private static Range range(JsonFields f, String field, double min, double max) {
        Double[] bounds = new Double[4];
        for (int i = 0; i < 4; i++) {
            bounds[i] = f.number(field + SUFFIXES.get(i), null, min, max);
        }
        Range range = new Range(bounds[0], bounds[1], bounds[2], bounds[3]);
        return range.isEmpty() ? Range.ANY : range;
    }

    /** Names or LUNA's integer codes ({@code firstCode} = code of the first name); answered as names. */
    private static List<String> names(JsonFields f, String field, List<String> known, int firstCode) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = f.array(field, known.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String name = null;
            if (item.isString() && known.contains(item.stringValue())) {
                name = item.stringValue();
            } else if (item.isIntegralNumber() && item.canConvertToInt() && item.intValue() >= firstCode
                    && item.intValue() < firstCode + known.size()) {
                name = known.get(item.intValue() - firstCode);
            }
            if (name == null) {
                throw JsonFields.bad(f.path(field) + "[" + i + "]", "must be one of " + known + " or their codes "
                        + firstCode + ".." + (firstCode + known.size() - 1));
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The filters with their LUNA names, only those given. */
    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        range(out, "age", age);
        if (gender != null) {
            out.put("gender", gender);
        }
        list(out, "emotions", emotions);
        list(out, "liveness", liveness);
        list(out, "masks", masks);
        list(out, "sources", sources);
        if (!match.isEmpty()) {
            var array = out.putArray("match");
            for (MatchFilter m : match) {
                ObjectNode item = array.addObject();
                item.put("label", m.label());
                range(item, "similarity", m.similarity());
            }
        }
        if (topMatchLabel != null) {
            out.put("top_matching_candidates_label", topMatchLabel);
        }
        range(out, "top_similar_object_similarity", topSimilarity);
        return out;
    }

    private static void range(ObjectNode out, String field, Range range) {
        Double[] bounds = {range.gte(), range.gt(), range.lte(), range.lt()};
        for (int i = 0; i < 4; i++) {
            if (bounds[i] != null) {
                out.put(field + SUFFIXES.get(i), bounds[i]);
            }
        }
    }

    private static void list(ObjectNode out, String field, List<String> values) {
        if (!values.isEmpty()) {
            var array = out.putArray(field);
            values.forEach(array::add);
        }
    }
}
