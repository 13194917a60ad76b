package io.selene.commons.fields;

import io.selene.commons.query.ValueType;

/**
 * What a field holds. The type decides how a value is read from JSON and from a query, checked
 * against the field's bounds, bound as a SQL parameter and read back from its column.
 */
public enum FieldType {
    /** A string of at most {@link Field#max()} characters. */
    TEXT(ValueType.STRING),
    UUID(ValueType.UUID),
    /** A finite number in {@link Field#min()}..{@link Field#max()}. */
    NUMBER(ValueType.DOUBLE),
    /** A number in min..max, kept rounded to the nearest integer (LUNA's gender 0/1). */
    INTEGER(ValueType.INTEGER),
    /** ISO-8601 with an offset; stored as timestamptz. */
    TIMESTAMP(ValueType.TIMESTAMP),
    /** One of {@link Field#names()}, by name (or, in filters, by LUNA's integer code). */
    NAME(ValueType.STRING),
    /** A list of distinct, non-empty strings of at most max characters; stored as text[]. */
    TEXTS(ValueType.STRING),
    /** A JSON object kept as given; stored as jsonb. */
    OBJECT(ValueType.STRING),
    /** A JSON array kept as given; stored as jsonb. */
    ARRAY(ValueType.STRING);

    private final ValueType query;

    FieldType(ValueType query) {
        this.query = query;
    }

    /** How one value of this type is parsed from a query parameter. */
    public ValueType queryType() {
        return query;
    }

    /** Whether a value is one JSON scalar (a string or a number), as callers give extras in a query. */
    public boolean scalar() {
        return this != TEXTS && this != OBJECT && this != ARRAY;
    }
}
