package io.selene.tasks.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.Range;
import io.selene.commons.sql.Where;

/** Filters of {@code GET /tasks} and {@code /tasks/count}, already scoped ({@code account} empty = every account). */
public record TaskQuery(Optional<UUID> account, Optional<List<Long>> taskIds, Optional<List<String>> types,
        Optional<List<Integer>> statuses, Optional<String> description, Optional<Range<Instant>> createTime,
        Optional<Range<Instant>> endTime, Optional<Range<Long>> taskId) {

    /** The condition on {@code task}. */
    Where where() {
        Where where = Where.all();
        account.ifPresent(id -> where.equal("account_id", id));
        taskIds.ifPresent(ids -> where.anyOf("task_id", ids, "bigint"));
        types.ifPresent(names -> where.anyOf("task_type", names, "text"));
        statuses.ifPresent(codes -> where.anyOf("status", codes, "smallint"));
        description.ifPresent(text -> where.contains("description", text));
        createTime.ifPresent(range -> where.range("create_time", range));
        endTime.ifPresent(range -> where.range("end_time", range));
        taskId.ifPresent(range -> where.range("task_id", range));
        return where;
    }
}
