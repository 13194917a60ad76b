package io.selene.commons.fields;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.FieldFilter.Match;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.ids.Ids;
import io.selene.commons.json.JsonFields;
import io.selene.commons.query.EnumeratedFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One field of a LUNA object (an event, a face) as every service sees it: its name, where it is in
 * the object's JSON, its type and bounds, who writes it, its column in the owner's table, its LUNA
 * filters, and whether event statistics may group or aggregate it. The catalogues
 * ({@link EventFields}, {@link FaceFields}) are lists of these; the services read, check, store,
 * answer and filter fields from them.
 *
 * <p>Built once, by the catalogues, with the fluent modifiers below; not changed afterwards.
 */
public final class Field {

    /** Who writes a field, which decides how services read it. */
    public enum Source {
        /** The record's own id, owner and times: the owning service decides them (answered like given fields). */
        RECORD,
        /** The caller gives it as it is (checked against its type): read, stored and answered generically. */
        GIVEN,
        /** Copied out of the face estimations of the object (face_attributes, else a detection's). */
        ESTIMATED,
        /** Made by the owning service from other parts (the top match, detection counts). */
        DERIVED,
        /** A structured part stored in its own way (detections, matches, the face, a face's lists). */
        PART,
        /** A LUNA field Selene does not estimate: only its filters exist, and they are refused. */
        NOT_ESTIMATED
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** LUNA's usual bound of an id list in a filter. */
    static final int MAX_IDS = 1000;

    private final String name;
    private final FieldType type;
    private List<String> path;
    private Source source = Source.GIVEN;
    private String column;
    private double min;
    private double max;
    private EnumeratedFilter names;
    private int maxItems;
    private boolean real;
    private boolean required;
    private Object absent;
    private boolean groupable;
    private List<String> aggregators = List.of();
    private final List<FieldFilter> filters = new ArrayList<>();

    private Field(String name, FieldType type) {
        this.name = name;
        this.type = type;
        this.path = List.of(name);
        this.column = name;
    }

    // ------------------------------------------------------------------ kinds

    public static Field text(String name, int maxLength) {
        Field field = new Field(name, FieldType.TEXT);
        field.max = maxLength;
        return field;
    }

    public static Field uuid(String name) {
        return new Field(name, FieldType.UUID);
    }

    public static Field number(String name, double min, double max) {
        Field field = new Field(name, FieldType.NUMBER);
        field.min = min;
        field.max = max;
        return field;
    }

    /** A number in min..max kept rounded (LUNA's gender, 0 female .. 1 male). */
    public static Field integer(String name, int min, int max) {
        Field field = new Field(name, FieldType.INTEGER);
        field.min = min;
        field.max = max;
        return field;
    }

    public static Field timestamp(String name) {
        return new Field(name, FieldType.TIMESTAMP);
    }

    /** One of LUNA's names (filters also take their integer codes). */
    public static Field named(String name, EnumeratedFilter names) {
        Field field = new Field(name, FieldType.NAME);
        field.names = names;
        return field;
    }

    /** Up to {@code maxItems} distinct non-empty strings of at most {@code maxLength} characters. */
    public static Field texts(String name, int maxItems, int maxLength) {
        Field field = new Field(name, FieldType.TEXTS);
        field.maxItems = maxItems;
        field.max = maxLength;
        field.absent = List.of();
        return field;
    }

    public static Field object(String name) {
        return new Field(name, FieldType.OBJECT);
    }

    public static Field array(String name) {
        return new Field(name, FieldType.ARRAY);
    }


    // ------------------------------------------------------------------ modifiers (catalogues only)

    /** Where the value is in the object's JSON, dot-separated ({@code location.city}); default: the name. */
    Field at(String dottedPath) {
        this.path = List.of(dottedPath.split("\\."));
        return this;
    }

    /** A structured part (detections, matches): named so that it is a target, stored by its owner. */
    Field part() {
        this.source = Source.PART;
        this.column = null;
        return this;
    }

    Field record() {
        this.source = Source.RECORD;
        return this;
    }

    /** Read from the face estimations; the path is inside them ({@code basic_attributes.age}). */
    Field estimated() {
        this.source = Source.ESTIMATED;
        return this;
    }

    Field derived() {
        this.source = Source.DERIVED;
        return this;
    }

    Field notEstimated() {
        this.source = Source.NOT_ESTIMATED;
        this.column = null;
        return this;
    }

    Field column(String column) {
        this.column = column;
        return this;
    }

    Field noColumn() {
        this.column = null;
        return this;
    }

    /** Stored as {@code real}: range bounds are compared as real too (0.9 stored is 0.899999976). */
    Field real() {
        this.real = true;
        return this;
    }

    /** Must be given whenever its parent object is ({@code geo_position} needs both coordinates). */
    Field required() {
        this.required = true;
        return this;
    }

    /** What is stored when the field is not given ({@code ""} for a face's texts). */
    Field absent(Object value) {
        this.absent = value;
        return this;
    }

    Field filter(Match match, String filterName, Use... uses) {
        return filter(match, filterName, defaultItems(), false, uses);
    }

    Field filter(Match match, String filterName, int maxItems, Use... uses) {
        return filter(match, filterName, maxItems, false, uses);
    }

    /** A filter the owning service answers itself (see {@link FieldFilter#own()}). */
    Field ownFilter(Match match, String filterName, Use... uses) {
        return filter(match, filterName, defaultItems(), true, uses);
    }

    Field ownFilter(Match match, String filterName, int maxItems, Use... uses) {
        return filter(match, filterName, maxItems, true, uses);
    }

    private Field filter(Match match, String filterName, int items, boolean own, Use... uses) {
        filters.add(new FieldFilter(filterName, match, items, Set.copyOf(EnumSet.copyOf(Arrays.asList(uses))), own));
        return this;
    }

    private int defaultItems() {
        return type == FieldType.NAME ? names.values().size() : MAX_IDS;
    }

    Field groupable() {
        this.groupable = true;
        return this;
    }

    Field aggregates(String... aggregators) {
        this.aggregators = List.of(aggregators);
        return this;
    }

    // ------------------------------------------------------------------ what it is

    public String name() {
        return name;
    }

    public List<String> path() {
        return path;
    }

    public String pathText() {
        return String.join(".", path);
    }

    public FieldType type() {
        return type;
    }

    public Source source() {
        return source;
    }

    /** The owner's column, or null when the field is not a plain column. */
    public String column() {
        return column;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public EnumeratedFilter names() {
        return names;
    }

    public int maxItems() {
        return maxItems;
    }

    public boolean isReal() {
        return real;
    }

    public boolean isRequired() {
        return required;
    }

    /** What is stored and answered when the field is not given (null: nothing). */
    public Object absent() {
        return absent;
    }

    public List<FieldFilter> filters() {
        return List.copyOf(filters);
    }

    public boolean isGroupable() {
        return groupable;
    }

    public List<String> aggregators() {
        return aggregators;
    }

    /** Whether the field is part of the object's JSON as answered (given, the record's own, parts). */
    public boolean answered() {
        return source == Source.RECORD || source == Source.GIVEN || source == Source.PART;
    }

    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------------ values

    /** The value of a JSON node at {@code at} (the path named in a refusal); 400 (102) when it does not fit. */
    public Object fromJson(JsonNode value, String at) {
        return switch (type) {
            case TEXT -> {
                if (!value.isString() || value.stringValue().length() > max) {
                    throw JsonFields.bad(at, "must be a string of at most " + (int) max + " characters");
                }
                yield value.stringValue();
            }
            case UUID -> JsonFields.uuid(value, at);
            case NUMBER -> {
                if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < min
                        || value.doubleValue() > max) {
                    throw JsonFields.bad(at, "must be a number in " + bounds());
                }
                yield value.doubleValue();
            }
            case INTEGER -> {
                if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
                    throw JsonFields.bad(at, "must be a number in " + bounds());
                }
                yield (int) Math.round(value.doubleValue());
            }
            case TIMESTAMP -> {
                try {
                    yield parseTimestamp(value.isString() ? value.stringValue() : null);
                } catch (IllegalArgumentException e) {
                    throw JsonFields.bad(at, e.getMessage());
                }
            }
            case NAME -> {
                if (!value.isString() || !names.values().contains(value.stringValue())) {
                    throw JsonFields.bad(at, "must be one of " + names.values());
                }
                yield value.stringValue();
            }
            case TEXTS -> {
                if (!value.isArray()) {
                    throw JsonFields.bad(at, "must be an array of strings");
                }
                if (value.size() > maxItems) {
                    throw JsonFields.bad(at, "at most " + maxItems + " items");
                }
                Set<String> items = new LinkedHashSet<>();
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (!item.isString() || item.stringValue().isEmpty() || item.stringValue().length() > max) {
                        throw JsonFields.bad(at + "[" + i + "]", "must be a string of 1.." + (int) max + " characters");
                    }
                    items.add(item.stringValue());
                }
                yield List.copyOf(items);
            }
            case OBJECT -> {
                if (!value.isObject()) {
                    throw JsonFields.bad(at, "must be an object");
                }
                yield value;
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    throw JsonFields.bad(at, "must be an array");
                }
                yield value;
            }
        };
    }

    /**
     * The value of a query parameter (a list field: comma-separated); an {@link IllegalArgumentException}
     * with the reason when it does not fit.
     */
    public Object fromText(String raw) {
        return switch (type) {
            case TEXT -> {
                if (raw.length() > max) {
                    throw new IllegalArgumentException("at most " + (int) max + " characters");
                }
                yield raw;
            }
            case UUID -> {
                try {
                    if (raw.length() == 36) {
                        yield java.util.UUID.fromString(raw);
                    }
                } catch (IllegalArgumentException e) {
                    // refused below
                }
                throw new IllegalArgumentException("must be a UUID");
            }
            case NUMBER, INTEGER -> {
                double value;
                try {
                    value = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    value = Double.NaN;
                }
                if (!Double.isFinite(value) || value < min || value > max) {
                    throw new IllegalArgumentException("must be a number in " + bounds());
                }
                yield type == FieldType.INTEGER ? (Object) (int) Math.round(value) : (Object) value;
            }
            case TIMESTAMP -> parseTimestamp(raw);
            case NAME -> {
                if (!names.values().contains(raw)) {
                    throw new IllegalArgumentException("must be one of " + names.values());
                }
                yield raw;
            }
            case TEXTS -> {
                List<String> items = Arrays.asList(raw.split(",", -1));
                if (items.size() > maxItems) {
                    throw new IllegalArgumentException("at most " + maxItems + " items");
                }
                for (String item : items) {
                    if (item.isEmpty() || item.length() > max) {
                        throw new IllegalArgumentException("each item has 1.." + (int) max + " characters");
                    }
                }
                yield List.copyOf(new LinkedHashSet<>(items));
            }
            case OBJECT, ARRAY -> throw new IllegalArgumentException("cannot be given in a query");
        };
    }

    private static OffsetDateTime parseTimestamp(String raw) {
        try {
            return OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("must be ISO-8601 with an offset, e.g. 2026-01-02T03:04:05Z");
        }
    }

    /** Refuses (400, 101) a number given for {@code parameter} outside the field's bounds; others pass. */
    public void requireWithin(String parameter, Object value) {
        if (value instanceof Number number && (number.doubleValue() < min || number.doubleValue() > max)) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + parameter
                    + "': must be in " + bounds());
        }
    }

    String bounds() {
        return type == FieldType.INTEGER ? (int) min + ".." + (int) max : trim(min) + ".." + trim(max);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** A value as LUNA answers it in JSON (timestamps as ISO-8601 text). */
    public JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (type) {
            case TEXT, NAME, UUID -> NODES.stringNode(value.toString());
            case NUMBER -> NODES.numberNode(((Number) value).doubleValue());
            case INTEGER -> NODES.numberNode(((Number) value).intValue());
            case TIMESTAMP -> NODES.stringNode(Ids.format((OffsetDateTime) value));
            case TEXTS -> {
                ArrayNode array = NODES.arrayNode();
                ((List<?>) value).forEach(item -> array.add(item.toString()));
                yield array;
            }
            case OBJECT, ARRAY -> (JsonNode) value;
        };
    }

    /** A value as bound to a SQL parameter of its column. */
    public Object sqlValue(Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXTS -> ((List<?>) value).stream().map(Object::toString).toArray(String[]::new);
            case OBJECT, ARRAY -> value.toString();
            default -> value;
        };
    }

    /** The placeholder of a parameter of this field's column ({@code jsonb} columns are cast). */
    public String sqlPlaceholder(String param) {
        return type == FieldType.OBJECT || type == FieldType.ARRAY ? "CAST(:" + param + " AS jsonb)" : ":" + param;
    }

    /** The column's value in a row (the column selected under its own name; jsonb as text). */
    public Object readColumn(ResultSet row, JsonMapper json) throws SQLException {
        return switch (type) {
            case TEXT, NAME -> row.getString(column);
            case UUID -> row.getObject(column, java.util.UUID.class);
            case NUMBER -> {
                double value = row.getDouble(column);
                yield row.wasNull() ? null : value;
            }
            case INTEGER -> {
                int value = row.getInt(column);
                yield row.wasNull() ? null : value;
            }
            case TIMESTAMP -> row.getObject(column, OffsetDateTime.class);
            case TEXTS -> {
                Array array = row.getArray(column);
                yield array == null ? List.of() : List.of((String[]) array.getArray());
            }
            case OBJECT, ARRAY -> {
                String text = row.getString(column);
                yield text == null ? null : json.readTree(text);
            }
        };
    }

    /** The column as selected by {@link #readColumn} (jsonb read as text). */
    public String selectColumn(String alias) {
        String qualified = alias == null ? column : alias + "." + column;
        return type == FieldType.OBJECT || type == FieldType.ARRAY ? qualified + "::text AS " + column : qualified;
    }
}
