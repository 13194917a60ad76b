package io.selene.events.events;

import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.Field;
import io.selene.commons.ids.Ids;
import io.selene.events.EventsErrors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code POST /2/events/stats}: aggregators ({@code count, min, max, avg}) over event columns,
 * optionally grouped by one column (or a time column truncated to a period), over the events
 * matching the same filters as {@code GET /2/events}.
 */
@Repository
public class EventStatsRepository {

    public static final int MAX_GROUPS = 1000;

    /** Public name → SQL expression of the columns that can be aggregated (the catalogue's aggregated fields). */
    static final Map<String, String> AGGREGATABLE;
    /** Which aggregators each column allows (avg of a uuid or a time is meaningless here). */
    static final Map<String, List<String>> AGGREGATORS;
    /** Public name → SQL expression of the columns events may be grouped by. */
    static final Map<String, String> GROUPABLE;
    static final List<String> PERIODS = List.of("hour", "day", "week", "month", "year");

    static {
        Map<String, String> aggregatable = new LinkedHashMap<>();
        Map<String, List<String>> aggregators = new LinkedHashMap<>();
        Map<String, String> groupable = new LinkedHashMap<>();
        for (Field field : EventFields.CATALOGUE.fields()) {
            if (!field.aggregators().isEmpty()) {
                aggregatable.put(field.name(), "e." + field.column());
                aggregators.put(field.name(), field.aggregators());
            }
            if (field.isGroupable()) {
                groupable.put(field.name(), "e." + field.column());
            }
        }
        AGGREGATABLE = Map.copyOf(aggregatable);
        AGGREGATORS = Map.copyOf(aggregators);
        GROUPABLE = Map.copyOf(groupable);
    }

    public record Target(String column, String aggregator) {
    }

    public record GroupBy(String column, String period) {
    }

    public record Answer(List<String> columns, List<List<Object>> values) {
    }

    private final JdbcClient jdbc;

    public EventStatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Answer stats(EventQuery query, List<Target> targets, List<GroupBy> groupBy) {
        if (targets == null || targets.isEmpty() || targets.size() > 20) {
            throw EventsErrors.BAD_STATS.exception("Bad field 'targets': give 1..20 {\"column\", \"aggregator\"}");
        }
        if (groupBy != null && groupBy.size() > 1) {
            throw EventsErrors.BAD_STATS.exception("Bad field 'group_by': at most one group");
        }
        List<String> columns = new ArrayList<>();
        List<String> select = new ArrayList<>();
        String group = null;
        if (groupBy != null && !groupBy.isEmpty()) {
            GroupBy g = groupBy.getFirst();
            String expression = g == null ? null : GROUPABLE.get(g.column());
            if (expression == null) {
                throw EventsErrors.BAD_STATS.exception("Bad field 'group_by[0].column': '" + (g == null ? null
                        : g.column()) + "'; allowed: " + GROUPABLE.keySet().stream().sorted().toList());
            }
            if (g.period() != null) {
                if (!g.column().endsWith("_time") || !PERIODS.contains(g.period())) {
                    throw EventsErrors.BAD_STATS.exception("Bad field 'group_by[0].period': '" + g.period()
                            + "'; a time column (create_time, end_time) takes one of " + PERIODS);
                }
                expression = "date_trunc('" + g.period() + "', " + expression + ", 'UTC')";
            }
            group = expression;
            columns.add(g.column());
            select.add(expression);
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String expression = t == null ? null : AGGREGATABLE.get(t.column());
            if (expression == null) {
                throw EventsErrors.BAD_STATS.exception("Bad field 'targets[" + i + "].column': '"
                        + (t == null ? null : t.column()) + "'; allowed: " + AGGREGATABLE.keySet().stream().sorted().toList());
            }
            if (t.aggregator() == null || !AGGREGATORS.get(t.column()).contains(t.aggregator())) {
                throw EventsErrors.BAD_STATS.exception("Bad field 'targets[" + i + "].aggregator': '" + t.aggregator()
                        + "'; column " + t.column() + " allows " + AGGREGATORS.get(t.column()));
            }
            columns.add(t.aggregator() + "_" + t.column());
            select.add(t.aggregator() + "(" + expression + ")");
        }
        Map<String, Object> params = query.where().params();
        params.put("limit", MAX_GROUPS);
        String sql = "SELECT " + String.join(", ", select) + " FROM event e WHERE " + query.where().sql()
                + (group == null ? "" : " GROUP BY 1 ORDER BY 1 NULLS FIRST LIMIT :limit");
        List<List<Object>> values = jdbc.sql(sql).params(params).query((rs, n) -> {
            ResultSetMetaData meta = rs.getMetaData();
            List<Object> row = new ArrayList<>(meta.getColumnCount());
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Object value = rs.getObject(c);
                if (value instanceof Timestamp time) {
                    value = Ids.format(time.toInstant().atOffset(ZoneOffset.UTC));
                } else if (value instanceof java.math.BigDecimal decimal) {
                    value = decimal.doubleValue();
                } else if (value instanceof UUID uuid) {
                    value = uuid.toString();
                }
                row.add(value);
            }
            return row;
        }).list();
        return new Answer(columns, values);
    }
}
