package io.selene.tasks.schedules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.selene.commons.query.PageRequest;
import io.selene.tasks.engine.TaskRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code schedule} table: CRUD, and the claim of due schedules that turns each into a task once. */
@Repository
public class ScheduleRepository {

    private static final String COLUMNS = """
            schedule_id, account_id, cron, cron_timezone, status, task_type, description, CAST(content AS text) AS content,
            result_ttl, create_time, last_update_time, next_fire_time, last_fire_time, last_task_id, tasks_created""";

    /** A stored schedule. */
    public record Schedule(UUID scheduleId, UUID accountId, String cron, String timeZone, String status,
            String taskType, String description, JsonNode content, int resultTtl, OffsetDateTime createTime,
            OffsetDateTime lastUpdateTime, OffsetDateTime nextFireTime, OffsetDateTime lastFireTime, Long lastTaskId,
            long tasksCreated) {

        public boolean running() {
            return status.equals(RUNNING);
        }
    }

    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final TaskRepository tasks;

    public ScheduleRepository(JdbcClient jdbc, JsonMapper json, TransactionTemplate tx, TaskRepository tasks) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
        this.tasks = tasks;
    }

    public void create(Schedule s) {
        jdbc.sql("""
                INSERT INTO schedule (schedule_id, account_id, cron, cron_timezone, status, task_type, description, content,
                                      result_ttl, create_time, last_update_time, next_fire_time)
                VALUES (:id, :account, :cron, :zone, :status, :type, :description, CAST(:content AS jsonb), :ttl,
                        clock_timestamp(), clock_timestamp(), :next)""")
                .param("id", s.scheduleId()).param("account", s.accountId()).param("cron", s.cron())
                .param("zone", s.timeZone()).param("status", s.status()).param("type", s.taskType())
                .param("description", s.description()).param("content", json.writeValueAsString(s.content()))
                .param("ttl", s.resultTtl()).param("next", s.nextFireTime()).update();
    }

    public Optional<Schedule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedule WHERE schedule_id = :id").param("id", id)
                .query(this::row).optional();
    }

    /** The schedules of an account (every account when {@code account} is null), newest first. */
    public List<Schedule> search(UUID account, Optional<String> status, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedule WHERE (CAST(:account AS uuid) IS NULL OR account_id = "
                + ":account) AND (CAST(:status AS text) IS NULL OR status = :status) ORDER BY create_time DESC, "
                + "schedule_id LIMIT :limit OFFSET :offset")
                .param("account", account).param("status", status.orElse(null)).param("limit", page.pageSize())
                .param("offset", page.offset()).query(this::row).list();
    }

    public long count(UUID account, Optional<String> status) {
        return jdbc.sql("SELECT count(*) FROM schedule WHERE (CAST(:account AS uuid) IS NULL OR account_id = :account) "
                + "AND (CAST(:status AS text) IS NULL OR status = :status)")
                .param("account", account).param("status", status.orElse(null)).query(Long.class).single();
    }

    /** Starts ({@code next} = its next fire time) or stops ({@code next} null) a schedule. */
    public boolean setStatus(UUID id, String status, OffsetDateTime next) {
        return jdbc.sql("UPDATE schedule SET status = :status, next_fire_time = :next, last_update_time = "
                + "clock_timestamp() WHERE schedule_id = :id")
                .param("id", id).param("status", status).param("next", next).update() == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM schedule WHERE schedule_id = :id").param("id", id).update() == 1;
    }

    /**
     * Fires the due schedules, at most {@code limit}: each claimed row (FOR UPDATE SKIP LOCKED, so instances
     * never take the same one) becomes one task and moves on to its next fire time after the database's now, in
     * one transaction. Fire times missed while no instance ran are not made up one by one: the schedule fires
     * once and continues from now.
     *
     * @param next the next fire time of a schedule after the given instant
     * @return the ids of the tasks created
     */
    public List<Long> fireDue(int limit, Function<Schedule, Function<OffsetDateTime, OffsetDateTime>> next) {
        return tx.execute(status -> {
            OffsetDateTime now = jdbc.sql("SELECT clock_timestamp()").query(OffsetDateTime.class).single();
            List<Schedule> due = jdbc.sql("SELECT " + COLUMNS + " FROM schedule WHERE status = 'running' AND "
                    + "next_fire_time <= :now ORDER BY next_fire_time LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .param("now", now).param("limit", limit).query(this::row).list();
            List<Long> created = new java.util.ArrayList<>();
            for (Schedule schedule : due) {
                long task = tasks.create(schedule.accountId(), schedule.taskType(), schedule.description(),
                        schedule.content(), schedule.resultTtl());
                jdbc.sql("""
                        UPDATE schedule SET last_fire_time = next_fire_time, next_fire_time = :next, last_task_id = :task,
                               tasks_created = tasks_created + 1, last_update_time = clock_timestamp()
                        WHERE schedule_id = :id AND next_fire_time = :was""")
                        .param("id", schedule.scheduleId()).param("task", task)
                        .param("next", next.apply(schedule).apply(now)).param("was", schedule.nextFireTime()).update();
                created.add(task);
            }
            return created;
        });
    }

    /** Moves a schedule's next fire time (tests: as if the service had been down since then). */
    public void setNextFireTime(UUID id, OffsetDateTime next) {
        jdbc.sql("UPDATE schedule SET next_fire_time = :next WHERE schedule_id = :id").param("id", id)
                .param("next", next).update();
    }

    private Schedule row(ResultSet rs, int row) throws SQLException {
        return new Schedule(rs.getObject("schedule_id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("cron"), rs.getString("cron_timezone"), rs.getString("status"), rs.getString("task_type"),
                rs.getString("description"), json.readTree(rs.getString("content")), rs.getInt("result_ttl"),
                rs.getObject("create_time", OffsetDateTime.class), rs.getObject("last_update_time", OffsetDateTime.class),
                rs.getObject("next_fire_time", OffsetDateTime.class), rs.getObject("last_fire_time", OffsetDateTime.class),
                rs.getObject("last_task_id", Long.class), rs.getLong("tasks_created"));
    }
}
