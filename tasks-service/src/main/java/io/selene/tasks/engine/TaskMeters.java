package io.selene.tasks.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task progress for the dashboards, read from the queue's tables: tasks per status
 * ({@code selene.tasks}, tag {@code status}) and the parts of unfinished tasks, all and done
 * ({@code selene.tasks.parts}, tag {@code state}). The numbers are the database's, so every
 * tasks-service instance reports the same ones. One query serves all gauges of a publish.
 */
@Component
public class TaskMeters implements MeterBinder {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, new EnumMap<>(TaskStatus.class), 0, 0);

    public TaskMeters(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Snapshot(Instant read, Map<TaskStatus, Long> tasks, long partsAll, long partsDone) {
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("selene.tasks", this, m -> m.current().tasks().getOrDefault(status, 0L))
                    .tag("status", status.name().toLowerCase()).description("tasks in this status")
                    .register(meters);
        }
        Gauge.builder("selene.tasks.parts", this, m -> m.current().partsAll()).tag("state", "all")
                .description("parts of the unfinished tasks").register(meters);
        Gauge.builder("selene.tasks.parts", this, m -> m.current().partsDone()).tag("state", "done")
                .description("parts of the unfinished tasks that are done").register(meters);
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        Instant now = clock.instant();
        if (Duration.between(last.read(), now).compareTo(FRESH_FOR) < 0) {
            return last;
        }
        Map<TaskStatus, Long> tasks = new EnumMap<>(TaskStatus.class);
        long[] parts = new long[2];
        jdbc.sql("""
                SELECT status, count(*) AS tasks, coalesce(sum(parts_all), 0) AS parts_all,
                       coalesce(sum(parts_done), 0) AS parts_done
                FROM task GROUP BY status""").query(rs -> {
                    TaskStatus status = TaskStatus.of(rs.getInt("status"));
                    tasks.put(status, rs.getLong("tasks"));
                    if (!status.finished()) {
                        parts[0] += rs.getLong("parts_all");
                        parts[1] += rs.getLong("parts_done");
                    }
                });
        Snapshot read = new Snapshot(now, tasks, parts[0], parts[1]);
        snapshot = read;
        return read;
    }
}
