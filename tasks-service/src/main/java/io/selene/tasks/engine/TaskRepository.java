package io.selene.tasks.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.selene.commons.error.LunaException;
import io.selene.commons.query.PageRequest;
import io.selene.commons.sql.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL of tasks, subtasks and errors. The subtask table is the work queue: {@link #claim} takes the next
 * runnable subtask with {@code FOR UPDATE SKIP LOCKED} and a lease; every completion is fenced by the
 * lease token and commits the subtask's result, its errors and the task's counters in one transaction.
 * Times of leases come from the database clock, so instances on several machines agree on them.
 */
@Repository
public class TaskRepository {

    public static final int SPLIT = 0;
    public static final int PART = 1;
    public static final int MERGE = 2;

    private static final String TASK_COLUMNS = """
            task_id, account_id, task_type, status, description, CAST(content AS text) AS content, create_time,
            last_update_time, start_time, end_time, parts_all, parts_done, result_key, result_id, result_type,
            result_ttl, result_expiry, (SELECT count(*) FROM task_error e WHERE e.task_id = task.task_id) AS errors""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;

    public TaskRepository(JdbcClient jdbc, JsonMapper json, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
    }

    /** A stored task. */
    public record Task(long taskId, UUID accountId, String type, TaskStatus status, String description,
            JsonNode content, OffsetDateTime createTime, OffsetDateTime lastUpdateTime, OffsetDateTime startTime,
            OffsetDateTime endTime, int partsAll, int partsDone, UUID resultKey, String resultId, String resultType,
            int resultTtl, OffsetDateTime resultExpiry, long errors) {
    }

    /** A claimed subtask: what the worker runs, and the token that fences its completion. */
    public record Claim(long subtaskId, long taskId, int kind, int part, JsonNode content, int attempts, UUID token,
            Task task) {
    }

    /** A failed item or subtask, as stored. */
    public record ErrorRecord(int code, String desc, String detail, String link, Map<String, Object> info) {

        public static ErrorRecord of(LunaException error, String linkBase, Map<String, Object> info) {
            return new ErrorRecord(error.errorCode(), error.desc(), error.detail() == null ? "" : error.detail(),
                    linkBase + error.errorCode(), info);
        }
    }

    // ------------------------------------------------------------------ tasks

    /** Stores a pending task and its split subtask; returns the task id. */
    public long create(UUID account, String type, String description, JsonNode content, int resultTtl) {
        return tx.execute(status -> {
            long id = jdbc.sql("""
                    INSERT INTO task (account_id, task_type, status, description, content, create_time, last_update_time,
                                      result_key, result_ttl)
                    VALUES (:account, :type, 0, :description, CAST(:content AS jsonb), clock_timestamp(),
                            clock_timestamp(), :key, :ttl)
                    RETURNING task_id""")
                    .param("account", account).param("type", type).param("description", description)
                    .param("content", json.writeValueAsString(content)).param("key", UUID.randomUUID())
                    .param("ttl", resultTtl).query(Long.class).single();
            insertSubtasks(id, SPLIT, List.of(json.createObjectNode()));
            return id;
        });
    }

    private void insertSubtasks(long taskId, int kind, List<JsonNode> contents) {
        for (int part = 0; part < contents.size(); part++) {
            jdbc.sql("""
                    INSERT INTO subtask (task_id, kind, part, status, content, ready_time, create_time)
                    VALUES (:task, :kind, :part, 0, CAST(:content AS jsonb), clock_timestamp(), clock_timestamp())
                    ON CONFLICT (task_id, kind, part) DO NOTHING""")
                    .param("task", taskId).param("kind", kind).param("part", part)
                    .param("content", json.writeValueAsString(contents.get(part))).update();
        }
    }

    public Optional<Task> find(long taskId) {
        return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM task WHERE task_id = :id").param("id", taskId)
                .query(this::task).optional();
    }

    public List<Task> search(TaskQuery query, PageRequest page) {
        return query.where().page(jdbc, TASK_COLUMNS, "task", "task_id DESC", page, this::task);
    }

    public long count(TaskQuery query) {
        return query.where().count(jdbc, "task");
    }

    /**
     * Cancels a task that is not finished: the task and its pending subtasks at once (no worker claims
     * them any more); running subtasks see it at their next heartbeat. Returns the status it had.
     */
    public Optional<TaskStatus> cancel(long taskId) {
        return tx.execute(status -> {
            Optional<Integer> before = jdbc.sql("SELECT status FROM task WHERE task_id = :id FOR UPDATE")
                    .param("id", taskId).query(Integer.class).optional();
            if (before.isEmpty()) {
                return Optional.<TaskStatus>empty();
            }
            TaskStatus was = TaskStatus.of(before.get());
            if (!was.finished()) {
                jdbc.sql("""
                        UPDATE task SET status = 2, end_time = clock_timestamp(), last_update_time = clock_timestamp()
                        WHERE task_id = :id""").param("id", taskId).update();
                jdbc.sql("UPDATE subtask SET status = 2 WHERE task_id = :id AND status = 0").param("id", taskId)
                        .update();
            }
            return Optional.of(was);
        });
    }

    /** Deletes a task with its subtasks and errors; false when there was none. */
    public boolean delete(long taskId) {
        return jdbc.sql("DELETE FROM task WHERE task_id = :id").param("id", taskId).update() > 0;
    }

    /** The ids of an account's tasks (the account erasure cancels them first). */
    public List<Long> taskIds(UUID accountId) {
        return jdbc.sql("SELECT task_id FROM task WHERE account_id = :account").param("account", accountId)
                .query(Long.class).list();
    }

    /** Subtasks of the account's tasks that a worker runs under a live lease right now. */
    public long running(UUID accountId) {
        return jdbc.sql("""
                SELECT count(*) FROM subtask s JOIN task t ON t.task_id = s.task_id
                WHERE t.account_id = :account AND s.status = 1 AND s.lease_until > clock_timestamp()""")
                .param("account", accountId).query(Long.class).single();
    }

    /** Every task of an account with its subtasks and errors (the account erasure); answers the tasks removed. */
    /** Deletes the account's tasks and its schedules (so none fires for an erased account). */
    public int deleteAccount(UUID accountId) {
        int schedules = jdbc.sql("DELETE FROM schedule WHERE account_id = :account").param("account", accountId)
                .update();
        return schedules + jdbc.sql("DELETE FROM task WHERE account_id = :account").param("account", accountId)
                .update();
    }

    public record Subtask(long subtaskId, long taskId, int part, TaskStatus status, int attempts, int items,
            int errors, OffsetDateTime createTime, OffsetDateTime startTime, OffsetDateTime endTime,
            JsonNode content) {
    }

    public List<Subtask> subtasks(long taskId, int limit, long offset) {
        return jdbc.sql("""
                SELECT subtask_id, task_id, part, status, attempts, items, errors, create_time, start_time, end_time,
                       CAST(content AS text) AS content
                FROM subtask WHERE task_id = :id AND kind = 1 ORDER BY part LIMIT :limit OFFSET :offset""")
                .param("id", taskId).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new Subtask(rs.getLong(1), rs.getLong(2), rs.getInt(3), TaskStatus.of(rs.getInt(4)),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getObject(8, OffsetDateTime.class),
                        rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class),
                        json.readTree(rs.getString(11)))).list();
    }

    public record StoredError(long errorId, long taskId, Long subtaskId, UUID accountId, int code, String desc,
            String detail, String link, JsonNode info, OffsetDateTime time) {
    }

    private static final String ERROR_COLUMNS = """
            error_id, task_id, subtask_id, account_id, error_code, description, detail, link,
            CAST(additional_info AS text) AS info, error_time""";

    /** Errors of one task, or (taskId null) of every task in the account scope ({@code account} null = all). */
    public List<StoredError> errors(Long taskId, UUID account, PageRequest page) {
        return errorWhere(taskId, account).page(jdbc, ERROR_COLUMNS, "task_error", "error_id", page, this::storedError);
    }

    /** One error, if there is one with that id. */
    public Optional<StoredError> error(long errorId) {
        return jdbc.sql("SELECT " + ERROR_COLUMNS + " FROM task_error WHERE error_id = :id").param("id", errorId)
                .query(this::storedError).optional();
    }

    public long countErrors(Long taskId, UUID account) {
        return errorWhere(taskId, account).count(jdbc, "task_error");
    }

    private static Where errorWhere(Long taskId, UUID account) {
        Where where = Where.all();
        if (taskId != null) {
            where.equal("task_id", taskId);
        }
        if (account != null) {
            where.equal("account_id", account);
        }
        return where;
    }

    // ------------------------------------------------------------------ the work queue

    /**
     * Claims the next subtask that is pending (and ready) or whose lease ran out, of a task that is not
     * finished: merges first (they finish tasks), then splits (they start tasks), then parts, oldest first.
     */
    public Optional<Claim> claim(String owner, Duration lease) {
        UUID token = UUID.randomUUID();
        return tx.execute(status -> jdbc.sql("""
                WITH next AS (
                    SELECT s.subtask_id FROM subtask s JOIN task t ON t.task_id = s.task_id
                    WHERE s.status IN (0, 1) AND t.status IN (0, 1, 4)
                      AND ((s.status = 0 AND s.ready_time <= clock_timestamp())
                           OR (s.status = 1 AND s.lease_until < clock_timestamp()))
                    ORDER BY CASE s.kind WHEN 2 THEN 0 WHEN 0 THEN 1 ELSE 2 END, s.subtask_id
                    LIMIT 1
                    FOR UPDATE OF s SKIP LOCKED)
                UPDATE subtask s SET status = 1, lease_owner = :owner, lease_token = :token,
                       lease_until = clock_timestamp() + :leaseMs * interval '1 millisecond',
                       attempts = s.attempts + 1, start_time = coalesce(s.start_time, clock_timestamp())
                FROM next WHERE s.subtask_id = next.subtask_id
                RETURNING s.subtask_id, s.task_id, s.kind, s.part, CAST(s.content AS text), s.attempts""")
                .param("owner", owner).param("token", token).param("leaseMs", lease.toMillis())
                .query((rs, i) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4),
                        rs.getString(5), rs.getInt(6)))
                .optional()
                .map(row -> {
                    if (row.kind() == SPLIT) {
                        jdbc.sql("""
                                UPDATE task SET start_time = coalesce(start_time, clock_timestamp()),
                                       last_update_time = clock_timestamp() WHERE task_id = :id""")
                                .param("id", row.taskId()).update();
                    }
                    Task task = find(row.taskId()).orElseThrow();
                    return new Claim(row.subtaskId(), row.taskId(), row.kind(), row.part(), json.readTree(row.content()),
                            row.attempts(), token, task);
                }));
    }

    private record Claimed(long subtaskId, long taskId, int kind, int part, String content, int attempts) {
    }

    /** What a heartbeat learnt of a claim. */
    public enum Lease { HELD, LOST, CANCELLED }

    /** Renews the leases held by these tokens; a token not renewed was lost (claimed again, or the task deleted). */
    public Map<UUID, Lease> renew(Collection<UUID> tokens, Duration lease) {
        Map<UUID, Lease> result = new HashMap<>();
        tokens.forEach(token -> result.put(token, Lease.LOST));
        if (tokens.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                UPDATE subtask s SET lease_until = clock_timestamp() + :leaseMs * interval '1 millisecond'
                FROM task t WHERE t.task_id = s.task_id AND s.status = 1 AND s.lease_token = ANY(:tokens)
                RETURNING s.lease_token, t.status""")
                .param("leaseMs", lease.toMillis()).param("tokens", tokens.toArray(UUID[]::new))
                .query((rs, i) -> {
                    result.put(rs.getObject(1, UUID.class), rs.getInt(2) == TaskStatus.CANCELLED.code()
                            ? Lease.CANCELLED : Lease.HELD);
                    return null;
                }).list();
        return result;
    }

    /** Thrown inside a completion whose lease was lost: the transaction rolls back and nothing is written. */
    public static final class LeaseLostException extends RuntimeException {
        LeaseLostException(long subtaskId) {
            super("lease of subtask " + subtaskId + " was lost", null, false, false);
        }
    }

    private void finishSubtask(Claim claim, TaskStatus status, byte[] result, int items, int errors) {
        int updated = jdbc.sql("""
                UPDATE subtask SET status = :status, result = :result, items = :items, errors = :errors,
                       end_time = clock_timestamp(), lease_owner = NULL, lease_token = NULL, lease_until = NULL
                WHERE subtask_id = :id AND lease_token = :token AND status = 1""")
                .param("status", status.code()).param("result", result).param("items", items).param("errors", errors)
                .param("id", claim.subtaskId()).param("token", claim.token()).update();
        if (updated == 0) {
            throw new LeaseLostException(claim.subtaskId());
        }
    }

    private void insertErrors(Claim claim, List<ErrorRecord> errors) {
        for (ErrorRecord error : errors) {
            jdbc.sql("""
                    INSERT INTO task_error (task_id, subtask_id, account_id, error_code, description, detail, link,
                                            additional_info, error_time)
                    VALUES (:task, :subtask, :account, :code, :desc, :detail, :link, CAST(:info AS jsonb),
                            clock_timestamp())""")
                    .param("task", claim.taskId()).param("subtask", claim.kind() == PART ? claim.subtaskId() : null)
                    .param("account", claim.task().accountId()).param("code", error.code())
                    .param("desc", truncate(error.desc(), 256)).param("detail", error.detail())
                    .param("link", truncate(error.link(), 256))
                    .param("info", error.info() == null || error.info().isEmpty() ? null
                            : json.writeValueAsString(error.info()))
                    .update();
        }
    }

    private static String truncate(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
    }

    /** The split is done: its parts become pending subtasks (none: the merge is queued at once). */
    public void completeSplit(Claim claim, List<JsonNode> parts, List<ErrorRecord> errors) {
        tx.executeWithoutResult(status -> {
            finishSubtask(claim, TaskStatus.DONE, null, parts.size(), errors.size());
            insertErrors(claim, errors);
            insertSubtasks(claim.taskId(), PART, parts);
            jdbc.sql("""
                    UPDATE task SET parts_all = :all, status = CASE WHEN :all = 0 THEN 4 ELSE 1 END,
                           last_update_time = clock_timestamp()
                    WHERE task_id = :id AND status IN (0, 1)""")
                    .param("all", parts.size()).param("id", claim.taskId()).update();
            if (parts.isEmpty()) {
                insertSubtasks(claim.taskId(), MERGE, List.of(json.createObjectNode()));
            }
        });
    }

    /**
     * A part is done (or failed): its result, errors and the task's counter in one transaction; the last
     * part to finish queues the merge and moves the task to "collecting results".
     */
    public void completePart(Claim claim, byte[] result, int items, List<ErrorRecord> errors, boolean failed) {
        tx.executeWithoutResult(status -> {
            finishSubtask(claim, failed ? TaskStatus.FAILED : TaskStatus.DONE, result, items, errors.size());
            insertErrors(claim, errors);
            int[] counters = jdbc.sql("""
                    UPDATE task SET parts_done = parts_done + 1, last_update_time = clock_timestamp()
                    WHERE task_id = :id RETURNING parts_done, parts_all, status""")
                    .param("id", claim.taskId()).query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)})
                    .single();
            if (counters[0] >= counters[1] && (counters[2] == 0 || counters[2] == 1)) {
                jdbc.sql("UPDATE task SET status = 4 WHERE task_id = :id").param("id", claim.taskId()).update();
                insertSubtasks(claim.taskId(), MERGE, List.of(json.createObjectNode()));
            }
        });
    }

    /** The merge is done: the task is done, with its result object. */
    public void completeMerge(Claim claim, String resultId, String resultType, OffsetDateTime expiry,
            List<ErrorRecord> errors) {
        tx.executeWithoutResult(status -> {
            finishSubtask(claim, TaskStatus.DONE, null, 0, errors.size());
            insertErrors(claim, errors);
            jdbc.sql("""
                    UPDATE task SET status = 5, result_id = :result, result_type = :type, result_expiry = :expiry,
                           end_time = clock_timestamp(), last_update_time = clock_timestamp()
                    WHERE task_id = :id AND status = 4""")
                    .param("result", resultId).param("type", resultType).param("expiry", expiry)
                    .param("id", claim.taskId()).update();
        });
    }

    /** The split or the merge failed for good: the task failed, with the error. */
    public void failTask(Claim claim, ErrorRecord error) {
        tx.executeWithoutResult(status -> {
            finishSubtask(claim, TaskStatus.FAILED, null, 0, 1);
            insertErrors(claim, List.of(error));
            jdbc.sql("""
                    UPDATE task SET status = 3, end_time = clock_timestamp(), last_update_time = clock_timestamp()
                    WHERE task_id = :id AND status IN (0, 1, 4)""").param("id", claim.taskId()).update();
        });
    }

    /** The subtask's task was cancelled while it ran: it stops, without a result. */
    public void cancelled(Claim claim) {
        tx.executeWithoutResult(status -> finishSubtask(claim, TaskStatus.CANCELLED, null, 0, 0));
    }

    /** A transient failure: the subtask goes back to the queue, to be claimed again after {@code delay}. */
    public void retryLater(Claim claim, Duration delay) {
        int updated = jdbc.sql("""
                UPDATE subtask SET status = 0, lease_owner = NULL, lease_token = NULL, lease_until = NULL,
                       ready_time = clock_timestamp() + :delayMs * interval '1 millisecond'
                WHERE subtask_id = :id AND lease_token = :token AND status = 1""")
                .param("delayMs", delay.toMillis()).param("id", claim.subtaskId()).param("token", claim.token())
                .update();
        if (updated == 0) {
            throw new LeaseLostException(claim.subtaskId());
        }
    }

    /** The results of the task's parts that finished, in part order, one at a time. */
    public void partials(long taskId, Consumer<byte[]> action) {
        List<Integer> parts = jdbc.sql("""
                SELECT part FROM subtask WHERE task_id = :id AND kind = 1 AND status = 5 AND result IS NOT NULL
                ORDER BY part""").param("id", taskId).query(Integer.class).list();
        for (int part : parts) {
            jdbc.sql("SELECT result FROM subtask WHERE task_id = :id AND kind = 1 AND part = :part")
                    .param("id", taskId).param("part", part).query(byte[].class).optional().ifPresent(action);
        }
    }

    // ------------------------------------------------------------------ rows

    private Task task(ResultSet rs, int row) throws SQLException {
        return new Task(rs.getLong("task_id"), rs.getObject("account_id", UUID.class), rs.getString("task_type"),
                TaskStatus.of(rs.getInt("status")), rs.getString("description"), json.readTree(rs.getString("content")),
                rs.getObject("create_time", OffsetDateTime.class), rs.getObject("last_update_time", OffsetDateTime.class),
                rs.getObject("start_time", OffsetDateTime.class), rs.getObject("end_time", OffsetDateTime.class),
                rs.getInt("parts_all"), rs.getInt("parts_done"), rs.getObject("result_key", UUID.class),
                rs.getString("result_id"), rs.getString("result_type"), rs.getInt("result_ttl"),
                rs.getObject("result_expiry", OffsetDateTime.class), rs.getLong("errors"));
    }

    private StoredError storedError(ResultSet rs, int row) throws SQLException {
        String info = rs.getString("info");
        return new StoredError(rs.getLong("error_id"), rs.getLong("task_id"), rs.getObject("subtask_id", Long.class),
                rs.getObject("account_id", UUID.class), rs.getInt("error_code"), rs.getString("description"),
                rs.getString("detail"), rs.getString("link"), info == null ? null : json.readTree(info),
                rs.getObject("error_time", OffsetDateTime.class));
    }
}
