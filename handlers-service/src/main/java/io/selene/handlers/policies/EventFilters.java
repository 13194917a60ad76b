package io.selene.handlers.policies;

import java.util.ArrayList;
import java.util.List;

import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.fields.JsonConditions;
import io.selene.commons.json.JsonFields;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Range;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * LUNA's "complex filters" of storage, tag and match policies, tested on the event being made
 * (luna-api.md §3.4 shape): the {@link EventFields} catalogue's policy filters (age, gender, emotions,
 * liveness, masks, sources, the top match) and {@code match}, each label's best candidate
 * similarity. Every given filter must hold; a filter on something the event does not have (no age
 * estimated, no match with that label) does not hold.
 */
public record EventFilters(JsonConditions fields, List<MatchFilter> match) {

    public static final EventFilters NONE = new EventFilters(JsonConditions.none(EventFields.CATALOGUE), List.of());

    static final int MAX_MATCH_FILTERS = 16;
    static final int MAX_VALUES = 100;

    private static final List<String> SUFFIXES = FilterSpec.RANGE_SUFFIXES;

    /** {@code {"label", "similarity__gte", ...}}: the best similarity of the label's candidates lies in the range. */
    public record MatchFilter(String label, Range<Double> similarity) {
    }

    public boolean isEmpty() {
        return fields.isEmpty() && match.isEmpty();
    }

    public boolean test(JsonNode event) {
        if (isEmpty()) {
            return true;
        }
        if (!fields.test(event)) {
            return false;
        }
        for (MatchFilter filter : match) {
            Double best = EventFields.bestSimilarity(event, filter.label()::equals);
            if (best == null || !filter.similarity().contains(best)) {
                return false;
            }
        }
        return true;
    }

    /** The label named by {@code top_matching_candidates_label}, or null. */
    public String topMatchLabel() {
        return (String) fields.value("top_matching_candidates_label").orElse(null);
    }

    /** Reads {@code filters}; unknown keys and bad values are refused naming their path. */
    static EventFilters read(JsonFields f) {
        JsonConditions fields = JsonConditions.read(EventFields.CATALOGUE, Use.POLICY, f, MAX_VALUES);
        List<MatchFilter> match = new ArrayList<>();
        List<JsonNode> rawMatch = f.array("match", MAX_MATCH_FILTERS);
        for (int i = 0; i < rawMatch.size(); i++) {
            JsonFields m = JsonFields.of(rawMatch.get(i), f.path("match") + "[" + i + "]");
            String label = m.string("label", null, 1, PolicyReader.MAX_LABEL);
            if (label == null) {
                throw JsonFields.bad(m.path("label"), "is required");
            }
            Double[] bounds = new Double[SUFFIXES.size()];
            for (int b = 0; b < bounds.length; b++) {
                bounds[b] = m.number("similarity" + SUFFIXES.get(b), null, 0, 1);
            }
            match.add(new MatchFilter(label, new Range<>(bounds[0], bounds[1], bounds[2], bounds[3])));
            m.finish();
        }
        f.finish();
        EventFilters filters = new EventFilters(fields, List.copyOf(match));
        return filters.isEmpty() ? NONE : filters;
    }

    /** The filters with their LUNA names, only those given. */
    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        fields.write(out);
        if (!match.isEmpty()) {
            var array = out.putArray("match");
            for (MatchFilter m : match) {
                ObjectNode item = array.addObject();
                item.put("label", m.label());
                Double[] bounds = {m.similarity().gte(), m.similarity().gt(), m.similarity().lte(), m.similarity().lt()};
                for (int b = 0; b < bounds.length; b++) {
                    if (bounds[b] != null) {
                        item.put("similarity" + SUFFIXES.get(b), bounds[b]);
                    }
                }
            }
        }
        return out;
    }
}
