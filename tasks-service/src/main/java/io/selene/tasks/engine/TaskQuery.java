package io.selene.tasks.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.Range;

/** Filters of {@code GET /tasks} and {@code /tasks/count}, already scoped ({@code account} empty = every account). */
public record TaskQuery(Optional<UUID> account, Optional<List<Long>> taskIds, Optional<List<String>> types,
        Optional<List<Integer>> statuses, Optional<String> description, Optional<Range<Instant>> createTime,
        Optional<Range<Instant>> endTime, Optional<Range<Long>> taskId) {

    String where(Map<String, Object> params) {
        List<String> clauses = new ArrayList<>(List.of("TRUE"));
        account.ifPresent(id -> {
            clauses.add("account_id = :account");
            params.put("account", id);
        });
        taskIds.ifPresent(ids -> {
            clauses.add("task_id = ANY(:taskIds)");
            params.put("taskIds", ids.toArray(Long[]::new));
        });
        types.ifPresent(names -> {
            clauses.add("task_type = ANY(:types)");
            params.put("types", names.toArray(String[]::new));
        });
        statuses.ifPresent(codes -> {
            clauses.add("status = ANY(:statuses)");
            params.put("statuses", codes.stream().map(Integer::shortValue).toArray(Short[]::new));
        });
        description.ifPresent(text -> {
            clauses.add("strpos(description, :description) > 0");
            params.put("description", text);
        });
        createTime.ifPresent(range -> range(clauses, params, "create_time", range, TaskQuery::utc));
        endTime.ifPresent(range -> range(clauses, params, "end_time", range, TaskQuery::utc));
        taskId.ifPresent(range -> range(clauses, params, "task_id", range, id -> id));
        return String.join(" AND ", clauses);
    }

    private static OffsetDateTime utc(Instant time) {
        return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
    }

    private static <T extends Comparable<? super T>> void range(List<String> clauses, Map<String, Object> params,
            String column, Range<T> range, java.util.function.Function<T, Object> convert) {
        bound(clauses, params, column, ">=", "Gte", range.gte(), convert);
        bound(clauses, params, column, ">", "Gt", range.gt(), convert);
        bound(clauses, params, column, "<=", "Lte", range.lte(), convert);
        bound(clauses, params, column, "<", "Lt", range.lt(), convert);
    }

    private static <T> void bound(List<String> clauses, Map<String, Object> params, String column, String operator,
            String suffix, T value, java.util.function.Function<T, Object> convert) {
        if (value != null) {
            String name = column.replace("_", "") + suffix;
            clauses.add(column + " " + operator + " :" + name);
            params.put(name, convert.apply(value));
        }
    }
}
