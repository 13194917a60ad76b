package io.selene.tasks.schedules;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns due schedules into tasks, every {@code selene.tasks.schedule-poll} on each instance that runs
 * workers. Instances share the work through the row lock of {@link ScheduleRepository#fireDue}: a fire time
 * makes one task whichever instance sees it first, and a restart does not repeat it (the fire time moved
 * on in the transaction that created the task).
 */
@Component
public class ScheduleRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final int BATCH = 100;

    private final ScheduleRepository schedules;
    private final TasksSettings settings;
    private final WorkerPool workers;
    private ScheduledExecutorService timer;

    public ScheduleRunner(ScheduleRepository schedules, TasksSettings settings, WorkerPool workers) {
        this.schedules = schedules;
        this.settings = settings;
        this.workers = workers;
    }

    /** Fires every due schedule now; returns the tasks created. */
    public List<Long> fireDue() {
        List<Long> created = new java.util.ArrayList<>();
        List<Long> batch;
        do {
            batch = schedules.fireDue(BATCH, schedule -> Cron.parse(schedule.cron(), schedule.timeZone())::next);
            created.addAll(batch);
        } while (batch.size() == BATCH);
        if (!created.isEmpty()) {
            workers.wakeUp();
        }
        return created;
    }

    @Override
    public void start() {
        if (!settings.runsWorkers()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("task-schedules").daemon()
                .factory());
        long period = settings.schedulePoll().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                fireDue();
            } catch (RuntimeException e) {
                log.warn("Firing due schedules failed; next try in {} ms: {}", period, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
