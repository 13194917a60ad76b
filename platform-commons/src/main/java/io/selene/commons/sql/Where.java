package io.selene.commons.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selene.commons.query.PageRequest;
import io.selene.commons.query.Range;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A SQL condition assembled from typed parts. Column expressions are the caller's constants; every
 * value is a bound parameter the builder names itself ({@code :w1}, {@code :w2}, ...), so no caller
 * text ever becomes SQL. {@link #sql()} is {@code TRUE} when nothing was added.
 */
public final class Where {

    /** How a column is compared with one value. */
    public enum Comparison {
        EQUAL("="), AT_LEAST(">="), ABOVE(">"), AT_MOST("<="), BELOW("<");

        final String operator;

        Comparison(String operator) {
            this.operator = operator;
        }
    }

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    public static Where all() {
        return new Where();
    }

    /** {@code column = value}. */
    public Where equal(String column, Object value) {
        return compare(column, Comparison.EQUAL, value);
    }

    public Where compare(String column, Comparison comparison, Object value) {
        return add(column + " " + comparison.operator + " " + param(value));
    }

    /** {@code column IN (values)}, the list expanded by the driver (lists of at most a few thousand). */
    public Where in(String column, Collection<?> values) {
        return add(column + " IN (" + param(List.copyOf(values)) + ")");
    }

    /**
     * {@code column IN (SELECT unnest(CAST(:p AS type[])))}: one array parameter however long the list. Not
     * {@code = ANY(CAST(...))}, which re-parses the literal for every row a generic plan visits (measured in
     * faces: 11 s instead of 20 ms for 500 ids against 20,000 faces of an account).
     */
    public Where anyOf(String column, Collection<?> values, String elementType) {
        return add(column + " IN (SELECT unnest(CAST(" + param(PgArrays.literal(values)) + " AS " + elementType
                + "[])))");
    }

    /** {@code column && CAST(:p AS type[])}: the array column shares an element with the values. */
    public Where overlaps(String column, Collection<?> values, String elementType) {
        return add(column + " && CAST(" + param(PgArrays.literal(values)) + " AS " + elementType + "[])");
    }

    /** The column contains the text, taken literally (no LIKE wildcards). */
    public Where contains(String column, String text) {
        return add("strpos(" + column + ", " + param(text) + ") > 0");
    }

    /** The bounds of a range that are given; instants are compared as UTC timestamps. */
    public Where range(String column, Range<?> range) {
        return range(column, range, null);
    }

    /**
     * As {@link #range(String, Range)}, each bound cast to {@code cast} first (a {@code real} column
     * compares with its bound as real: 0.9 stored is 0.899999976, below the double 0.9).
     */
    public Where range(String column, Range<?> range, String cast) {
        bound(column, Comparison.AT_LEAST, range.gte(), cast);
        bound(column, Comparison.ABOVE, range.gt(), cast);
        bound(column, Comparison.AT_MOST, range.lte(), cast);
        bound(column, Comparison.BELOW, range.lt(), cast);
        return this;
    }

    private void bound(String column, Comparison comparison, Object value, String cast) {
        if (value != null) {
            String param = param(value);
            add(column + " " + comparison.operator + " " + (cast == null ? param : "CAST(" + param + " AS " + cast + ")"));
        }
    }

    /**
     * A fixed condition of the caller's (a sub-select, an EXISTS, a keyset) with its values: the
     * {@code ?} of the template, in order, stand for the values' parameters.
     */
    public Where condition(String template, Object... values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '?') {
                if (next == values.length) {
                    throw new IllegalArgumentException("more ? than values in " + template);
                }
                out.append(param(values[next++]));
            } else {
                out.append(c);
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException("more values than ? in " + template);
        }
        return add(out.toString());
    }

    /**
     * Another condition inside a fixed one of the caller's ({@code EXISTS (SELECT ... AND {})}): its
     * parameters are renamed into this one's, so the two never collide.
     */
    public Where within(String template, Where inner) {
        String sql = inner.sql();
        Matcher names = INNER_PARAM.matcher(sql);
        StringBuilder renamed = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(renamed, param(inner.params.get(names.group(1))));
        }
        names.appendTail(renamed);
        return add(template.replace("{}", renamed));
    }

    private static final Pattern INNER_PARAM = Pattern.compile(":(w\\d+)\\b");

    /** A fixed condition without values ({@code f.attributes_time IS NOT NULL}). */
    public Where condition(String fixed) {
        return add(fixed);
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** The condition, {@code TRUE} when empty; to be used with {@link #params()}. */
    public String sql() {
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    /** {@code SELECT count(*) FROM <from> WHERE <this>}. */
    public long count(JdbcClient jdbc, String from) {
        return jdbc.sql("SELECT count(*) FROM " + from + " WHERE " + sql()).params(params()).query(Long.class).single();
    }

    /** One page of {@code SELECT <columns> FROM <from> WHERE <this> ORDER BY <order>}, each row mapped. */
    public <T> List<T> page(JdbcClient jdbc, String columns, String from, String order, PageRequest page,
            RowMapper<T> rows) {
        return jdbc.sql("SELECT " + columns + " FROM " + from + " WHERE " + sql() + " ORDER BY " + order
                + " LIMIT :limit OFFSET :offset").params(params(page)).query(rows).list();
    }

    /** The parameters of {@link #sql()} and a page's {@code :limit} and {@code :offset}. */
    public Map<String, Object> params(PageRequest page) {
        Map<String, Object> params = params();
        params.put("limit", page.pageSize());
        params.put("offset", page.offset());
        return params;
    }

    /** The parameters of {@link #sql()}, a fresh map the caller may add its own (limit, offset) to. */
    public Map<String, Object> params() {
        return new LinkedHashMap<>(params);
    }

    private Where add(String condition) {
        conditions.add(condition);
        return this;
    }

    private String param(Object value) {
        Objects.requireNonNull(value, "a condition's value");
        String name = "w" + (params.size() + 1);
        params.put(name, value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        return ":" + name;
    }
}
