package io.selene.commons.fields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import io.selene.commons.fields.Field.Source;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.ValueType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The fields of one kind of object, in the order LUNA answers them, with the lookups every reader
 * needs: a field by name, the filters of a use, the query parameters they take, the targets.
 *
 * @param estimations how an {@link Source#ESTIMATED} field's value is found in the object's JSON
 *                    (its path inside the estimations); null when the object has none
 */
public record Catalogue(List<Field> fields, BiFunction<JsonNode, List<String>, JsonNode> estimations) {

    /** One filter of a field. */
    public record Filter(Field field, FieldFilter filter) {

        public String name() {
            return filter.name();
        }
    }

    public Catalogue {
        fields = List.copyOf(fields);
        Set<String> names = new LinkedHashSet<>();
        Set<String> filterNames = new LinkedHashSet<>();
        for (Field field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalStateException("two fields named " + field.name());
            }
            for (FieldFilter filter : field.filters()) {
                if (!filterNames.add(filter.name())) {
                    throw new IllegalStateException("two filters named " + filter.name());
                }
            }
        }
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Field require(String name) {
        return field(name).orElseThrow(() -> new IllegalArgumentException("no field " + name));
    }

    public List<Field> of(Source source) {
        return fields.stream().filter(f -> f.source() == source).toList();
    }

    /** Every filter accepted in a use, in catalogue order. */
    public List<Filter> filters(Use use) {
        List<Filter> out = new ArrayList<>();
        for (Field field : fields) {
            for (FieldFilter filter : field.filters()) {
                if (filter.in(use)) {
                    out.add(new Filter(field, filter));
                }
            }
        }
        return out;
    }

    /** The filters of a use the generic readers answer (not the owner's own, see {@link FieldFilter#own()}). */
    public List<Filter> sharedFilters(Use use) {
        return filters(use).stream().filter(f -> !f.filter().own()).toList();
    }

    public Optional<Filter> filter(String name) {
        for (Field field : fields) {
            for (FieldFilter filter : field.filters()) {
                if (filter.name().equals(name)) {
                    return Optional.of(new Filter(field, filter));
                }
            }
        }
        return Optional.empty();
    }

    /** Declares the query parameters of a use's filters on a spec ({@code maxItems} caps every list). */
    public FilterSpec declare(FilterSpec spec, Use use, int maxItems) {
        for (Filter f : filters(use)) {
            ValueType type = f.field().type().queryType();
            switch (f.filter().match()) {
                case ANY_OF -> spec.list(f.name(), type, Math.min(maxItems, f.filter().maxItems()));
                case EQUALS, CONTAINS -> spec.value(f.name(), type);
                case RANGE -> spec.range(f.name(), type);
            }
        }
        return spec;
    }

    public FilterSpec declare(FilterSpec spec, Use use) {
        return declare(spec, use, Integer.MAX_VALUE);
    }

    /** Whether a query parameter name belongs to a filter of the use ({@code age__gte} for the range {@code age}). */
    public boolean accepts(String parameter, Use use) {
        return filterOf(parameter, use).isPresent();
    }

    /** The filter of the use a query parameter belongs to ({@code age__gte}: the range {@code age}). */
    public Optional<Filter> filterOf(String parameter, Use use) {
        for (Filter f : filters(use)) {
            boolean range = f.filter().match() == FieldFilter.Match.RANGE;
            if (!range && f.name().equals(parameter) || range && FilterSpec.RANGE_SUFFIXES.stream()
                    .anyMatch(suffix -> parameter.equals(f.name() + suffix))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The top-level names of the answered fields, in order: the {@code targets} of a read. */
    public List<String> targets() {
        Set<String> targets = new LinkedHashSet<>();
        for (Field field : fields) {
            if (field.answered()) {
                targets.add(field.path().getFirst());
            }
        }
        return List.copyOf(targets);
    }

    /** The node of a field in an object's JSON (missing when absent). */
    public JsonNode value(JsonNode object, Field field) {
        if (field.source() == Source.ESTIMATED) {
            return estimations == null ? MissingNode.getInstance() : estimations.apply(object, field.path());
        }
        return at(object, field.path());
    }

    /** The node at a path (missing when any step is absent); a step of digits indexes an array. */
    public static JsonNode at(JsonNode object, List<String> path) {
        JsonNode node = object;
        for (String step : path) {
            node = node.isArray() && !step.isEmpty() && step.chars().allMatch(Character::isDigit)
                    ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }

    /** A path as requests name it: {@code detections[0].samples.face}. */
    public static String text(List<String> path) {
        StringBuilder out = new StringBuilder();
        for (String step : path) {
            if (!step.isEmpty() && step.chars().allMatch(Character::isDigit)) {
                out.append('[').append(step).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    /** The fields callers give as they are ({@link Source#GIVEN}), in order. */
    public List<Field> given() {
        return of(Source.GIVEN);
    }
}
