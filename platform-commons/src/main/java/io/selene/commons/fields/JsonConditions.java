package io.selene.commons.fields;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.json.JsonFields;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.Range;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Catalogue filters tested on an object's JSON as it is made or sent: Sender's subscriptions (from
 * their query) and handler policies (from their {@code filters} objects) read them here, so a filter
 * means the same in both, and the same as in events-service's search (which answers it in SQL from
 * the same catalogue). Every given filter must hold; a filter on a value the object does not have
 * does not hold. Filters the owner answers itself ({@link FieldFilter#own()}) are left to it.
 */
public final class JsonConditions {

    private static final List<String> SUFFIXES = FilterSpec.RANGE_SUFFIXES;

    /** One given filter: a list of values (ANY_OF), one value (EQUALS, CONTAINS) or a range (RANGE). */
    private record Condition(Catalogue.Filter filter, Object value) {
    }

    private final Catalogue catalogue;
    private final List<Condition> conditions;

    private JsonConditions(Catalogue catalogue, List<Condition> conditions) {
        this.catalogue = catalogue;
        this.conditions = List.copyOf(conditions);
    }

    public static JsonConditions none(Catalogue catalogue) {
        return new JsonConditions(catalogue, List.of());
    }

    /**
     * The use's filters among query parameters already parsed by a spec from {@link Catalogue#declare};
     * values outside a field's range are refused (400, 101).
     */
    public static JsonConditions of(Catalogue catalogue, Use use, Filters parsed) {
        List<Condition> out = new ArrayList<>();
        for (Catalogue.Filter f : catalogue.sharedFilters(use)) {
            Field field = f.field();
            switch (f.filter().match()) {
                case ANY_OF -> parsed.list(f.name()).ifPresent(values -> out.add(new Condition(f,
                        List.copyOf(new LinkedHashSet<>(field.type() == FieldType.NAME
                                ? field.names().resolve(strings(values)) : values)))));
                case EQUALS, CONTAINS -> parsed.value(f.name()).ifPresent(value -> {
                    field.requireWithin(f.name(), value);
                    out.add(new Condition(f, value));
                });
                case RANGE -> parsed.range(f.name()).ifPresent(r -> {
                    for (Object bound : new Object[] {r.gte(), r.gt(), r.lte(), r.lt()}) {
                        field.requireWithin(f.name() + "__*", bound);
                    }
                    out.add(new Condition(f, r));
                });
            }
        }
        return new JsonConditions(catalogue, out);
    }

    /**
     * The use's filters in a JSON filters object (LUNA names: {@code sources}, {@code age__gte},
     * {@code emotions} by name or code), each refused with its path when it does not fit; the caller
     * reads its own keys and finishes the object.
     */
    public static JsonConditions read(Catalogue catalogue, Use use, JsonFields object, int maxItems) {
        List<Condition> out = new ArrayList<>();
        for (Catalogue.Filter f : catalogue.sharedFilters(use)) {
            Field field = f.field();
            switch (f.filter().match()) {
                case ANY_OF -> {
                    List<JsonNode> items = object.array(f.name(), Math.min(maxItems, f.filter().maxItems()));
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        Object value = item(field, items.get(i), object.path(f.name()) + "[" + i + "]");
                        if (!values.contains(value)) {
                            values.add(value);
                        }
                    }
                    if (!values.isEmpty()) {
                        out.add(new Condition(f, List.copyOf(values)));
                    }
                }
                case EQUALS, CONTAINS -> {
                    JsonNode given = object.raw(f.name());
                    if (given != null) {
                        out.add(new Condition(f, item(field, given, object.path(f.name()))));
                    }
                }
                case RANGE -> {
                    Double[] bounds = new Double[SUFFIXES.size()];
                    for (int i = 0; i < bounds.length; i++) {
                        bounds[i] = object.number(f.name() + SUFFIXES.get(i), null, field.min(), field.max());
                    }
                    Range<Double> range = new Range<>(bounds[0], bounds[1], bounds[2], bounds[3]);
                    if (bounds[0] != null || bounds[1] != null || bounds[2] != null || bounds[3] != null) {
                        out.add(new Condition(f, range));
                    }
                }
            }
        }
        return new JsonConditions(catalogue, out);
    }

    /** A filter value given in JSON: names also by LUNA's integer codes, texts of 1..max characters. */
    private static Object item(Field field, JsonNode value, String at) {
        return switch (field.type()) {
            case NAME -> {
                List<String> known = field.names().values();
                int first = field.names().firstCode();
                if (value.isString() && known.contains(value.stringValue())) {
                    yield value.stringValue();
                }
                if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= first
                        && value.intValue() < first + known.size()) {
                    yield known.get(value.intValue() - first);
                }
                throw JsonFields.bad(at, "must be one of " + known + " or their codes " + first + ".."
                        + (first + known.size() - 1));
            }
            case TEXT, TEXTS -> {
                if (!value.isString() || value.stringValue().isEmpty() || value.stringValue().length() > field.max()) {
                    throw JsonFields.bad(at, "must be a string of 1.." + (int) field.max() + " characters");
                }
                yield value.stringValue();
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < field.min()
                        || value.intValue() > field.max()) {
                    throw JsonFields.bad(at, "must be an integer in " + field.bounds());
                }
                yield value.intValue();
            }
            default -> field.fromJson(value, at);
        };
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    public boolean test(JsonNode object) {
        return test(object, Map.of());
    }

    /**
     * Whether every condition holds on the object; {@code given} supplies fields that come with the
     * object rather than in it (by field name: Sender's bus message names the publishing handler).
     */
    public boolean test(JsonNode object, Map<String, Object> given) {
        for (Condition condition : conditions) {
            Field field = condition.filter().field();
            Object value = given.containsKey(field.name()) ? given.get(field.name())
                    : plain(field, catalogue.value(object, field));
            if (value == null || !holds(condition, value)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean holds(Condition condition, Object value) {
        return switch (condition.filter().filter().match()) {
            case ANY_OF -> {
                List<?> wanted = (List<?>) condition.value();
                yield value instanceof List<?> items ? items.stream().anyMatch(wanted::contains) : wanted.contains(value);
            }
            case EQUALS -> condition.value().equals(value);
            case CONTAINS -> value.toString().contains(condition.value().toString());
            case RANGE -> value instanceof Comparable comparable && ((Range) condition.value()).contains(comparable);
        };
    }

    /** A JSON value as the catalogue compares it; null when it is not of the field's type. */
    private static Object plain(Field field, JsonNode node) {
        switch (field.type()) {
            case TEXT, NAME:
                return node.isString() ? node.stringValue() : null;
            case UUID:
                try {
                    return node.isString() ? UUID.fromString(node.stringValue()) : null;
                } catch (IllegalArgumentException e) {
                    return null;
                }
            case NUMBER:
                return node.isNumber() ? node.doubleValue() : null;
            case INTEGER:
                return node.isNumber() ? (int) Math.round(node.doubleValue()) : null;
            case TIMESTAMP:
                try {
                    return node.isString() ? OffsetDateTime.parse(node.stringValue()).toInstant() : null;
                } catch (DateTimeParseException e) {
                    return null;
                }
            case TEXTS:
                if (!node.isArray()) {
                    return null;
                }
                List<String> items = new ArrayList<>();
                node.forEach(item -> {
                    if (item.isString()) {
                        items.add(item.stringValue());
                    }
                });
                return items;
            default:
                return null;
        }
    }

    /** The given filters with their LUNA names, as a policy answers them. */
    public void write(ObjectNode out) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (Condition condition : conditions) {
            String name = condition.filter().name();
            Field field = condition.filter().field();
            switch (condition.filter().filter().match()) {
                case ANY_OF -> {
                    ArrayNode array = out.putArray(name);
                    ((List<?>) condition.value()).forEach(value -> array.add(field.type() == FieldType.TEXTS
                            ? nodes.stringNode(value.toString()) : field.toJson(value)));
                }
                case EQUALS, CONTAINS -> out.set(name, field.toJson(condition.value()));
                case RANGE -> {
                    Range<?> range = (Range<?>) condition.value();
                    Object[] bounds = {range.gte(), range.gt(), range.lte(), range.lt()};
                    for (int i = 0; i < bounds.length; i++) {
                        if (bounds[i] != null) {
                            out.set(name + SUFFIXES.get(i), field.toJson(bounds[i]));
                        }
                    }
                }
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonConditions that && catalogue.equals(that.catalogue)
                && conditions.equals(that.conditions);
    }

    @Override
    public int hashCode() {
        return conditions.hashCode();
    }

    @Override
    public String toString() {
        return conditions.stream().map(c -> c.filter().name() + "=" + c.value()).toList().toString();
    }

    /** The value given for a filter, if any: a list, a value or a range. */
    public Optional<Object> value(String filterName) {
        return conditions.stream().filter(c -> c.filter().name().equals(filterName)).map(Condition::value).findFirst();
    }
}
