package io.selene.tasks.engine;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.selene.commons.PlatformSettings;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.clients.Downstream;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.TaskRepository.Claim;
import io.selene.tasks.engine.TaskRepository.ErrorRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workers of this instance ({@code selene.tasks.workers} at once). One dispatcher claims subtasks while a
 * worker is free and hands each to a thread; one heartbeat renews every lease this instance holds each
 * {@code selene.tasks.heartbeat} and tells a run that its task was cancelled or its lease lost. A subtask
 * whose worker died (kill -9, lost network) keeps its lease until it runs out and is then claimed again by
 * any instance; since a completion is fenced by the lease token, its result is written once.
 */
@Component
public class WorkerPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final TaskRepository store;
    private final TaskTypes types;
    private final ResultStore results;
    private final Downstream downstream;
    private final TasksSettings settings;
    private final JsonMapper json;
    private final String linkBase;
    private final String owner;
    private final Map<UUID, Run> active = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private volatile boolean running;
    private Semaphore free;
    private Thread dispatcher;
    private ExecutorService runs;
    private ScheduledExecutorService heartbeat;

    public WorkerPool(TaskRepository store, TaskTypes types, ResultStore results, Downstream downstream,
            TasksSettings settings, JsonMapper json, PlatformSettings platform) {
        this.store = store;
        this.types = types;
        this.results = results;
        this.downstream = downstream;
        this.settings = settings;
        this.json = json;
        this.linkBase = platform.errors().linkBase();
        this.owner = (ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Looks for work now instead of at the next poll (a task was created or a subtask finished here). */
    public void wakeUp() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        if (!settings.runsWorkers()) {
            return;
        }
        running = true;
        free = new Semaphore(settings.workers());
        runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("task-worker-", 0).factory());
        heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("task-heartbeat").daemon()
                .factory());
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        dispatcher = Thread.ofPlatform().name("task-dispatcher").daemon().start(this::dispatch);
        log.info("Task workers started: {} at once, lease {}, heartbeat {}, owner {}", settings.workers(),
                settings.lease(), settings.heartbeat(), owner);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        dispatcher.interrupt();
        heartbeat.shutdownNow();
        // Runs in flight are abandoned: their leases run out and another worker takes them over.
        runs.shutdownNow();
        active.values().forEach(run -> run.stop("service stopping"));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Subtasks running in this instance now. */
    public int activeRuns() {
        return active.size();
    }

    private void dispatch() {
        while (running) {
            try {
                free.acquire();
                java.util.Optional<Claim> claim;
                try {
                    claim = store.claim(owner, settings.lease());
                } catch (RuntimeException e) {
                    free.release();
                    log.warn("Claiming a subtask failed: {}", e.toString());
                    pause();
                    continue;
                }
                if (claim.isEmpty()) {
                    free.release();
                    pause();
                    continue;
                }
                Run run = new Run(claim.get());
                active.put(run.claim.token(), run);
                runs.submit(() -> {
                    try {
                        process(run);
                    } finally {
                        active.remove(run.claim.token());
                        free.release();
                        wakeUp();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Task dispatcher", e);
            }
        }
    }

    private void pause() throws InterruptedException {
        synchronized (signal) {
            if (running) {
                signal.wait(Math.max(1, settings.pollInterval().toMillis()));
            }
        }
    }

    private void renewLeases() {
        if (active.isEmpty()) {
            return;
        }
        try {
            Map<UUID, TaskRepository.Lease> leases = store.renew(new ArrayList<>(active.keySet()), settings.lease());
            leases.forEach((token, lease) -> {
                Run run = active.get(token);
                if (run != null && lease != TaskRepository.Lease.HELD) {
                    run.stop(lease == TaskRepository.Lease.CANCELLED ? "task cancelled" : "lease lost");
                }
            });
        } catch (RuntimeException e) {
            log.warn("Renewing leases failed: {}", e.toString());
        }
    }

    private void process(Run run) {
        Claim claim = run.claim;
        TaskType type = types.get(claim.task().type());
        MDC.put("lunaRequestId", "task-" + claim.taskId());
        try {
            if (claim.attempts() > settings.maxAttempts()) {
                permanent(run, TasksErrors.SUBTASK_ABANDONED.exception(claim.subtaskId(), claim.attempts() - 1));
                return;
            }
            switch (claim.kind()) {
                case TaskRepository.SPLIT -> {
                    List<JsonNode> parts = type.split(run);
                    if (parts.size() > settings.maxSubtasks()) {
                        throw TasksErrors.TOO_MANY_SUBTASKS.exception(parts.size(), settings.maxSubtasks());
                    }
                    run.checkCancelled();
                    store.completeSplit(claim, parts, run.errors);
                }
                case TaskRepository.PART -> {
                    JsonNode partial = type.run(run);
                    run.checkCancelled();
                    byte[] bytes = json.writeValueAsBytes(partial);
                    if (bytes.length > settings.maxResultSize().toBytes()) {
                        throw TasksErrors.RESULT_TOO_LARGE.exception(claim.taskId(), bytes.length,
                                settings.maxResultSize().toBytes());
                    }
                    store.completePart(claim, bytes, run.items, run.errors, false);
                }
                default -> {
                    TaskResult result = type.merge(run, action -> store.partials(claim.taskId(),
                            bytes -> action.accept(json.readTree(bytes))));
                    if (result.body().length > settings.maxResultSize().toBytes()) {
                        throw TasksErrors.RESULT_TOO_LARGE.exception(claim.taskId(), result.body().length,
                                settings.maxResultSize().toBytes());
                    }
                    run.checkCancelled();
                    var expiry = results.put(claim.task(), result);
                    store.completeMerge(claim, ResultStore.objectId(claim.taskId(), claim.task().resultKey()),
                            result.contentType(), expiry, run.errors);
                }
            }
        } catch (TaskCancelledException e) {
            log.info("Subtask {} of task {} stopped: {}", claim.subtaskId(), claim.taskId(), e.getMessage());
            try {
                store.cancelled(claim);
            } catch (TaskRepository.LeaseLostException lost) {
                // claimed again elsewhere or the task is gone: nothing of this run is kept
            }
        } catch (TaskRepository.LeaseLostException e) {
            log.warn("Subtask {} of task {}: {}; its result is dropped", claim.subtaskId(), claim.taskId(),
                    e.getMessage());
        } catch (LunaException e) {
            if (e.status().is4xxClientError() || claim.attempts() >= settings.maxAttempts()) {
                permanent(run, e);
            } else {
                transientFailure(run, e);
            }
        } catch (RuntimeException e) {
            if (run.stopped != null) {
                // the run was told to stop (cancel, lost lease) and failed on its way out
                log.info("Subtask {} of task {} stopped: {}", claim.subtaskId(), claim.taskId(), run.stopped);
                return;
            }
            if (claim.attempts() >= settings.maxAttempts()) {
                log.error("Subtask {} of task {} failed", claim.subtaskId(), claim.taskId(), e);
                permanent(run, PlatformErrors.INTERNAL.exceptionWithCause(e));
            } else {
                transientFailure(run, e);
            }
        } finally {
            MDC.remove("lunaRequestId");
        }
    }

    /** A 4xx (or the last attempt): a part fails with its error; a split or merge fails the task. */
    private void permanent(Run run, LunaException error) {
        Claim claim = run.claim;
        ErrorRecord record = ErrorRecord.of(error, linkBase, Map.of());
        try {
            if (claim.kind() == TaskRepository.PART) {
                List<ErrorRecord> errors = new ArrayList<>(run.errors);
                errors.add(record);
                store.completePart(claim, null, run.items, errors, true);
            } else {
                store.failTask(claim, record);
            }
        } catch (TaskRepository.LeaseLostException lost) {
            log.warn("Subtask {}: lease lost while recording its failure", claim.subtaskId());
        }
    }

    private void transientFailure(Run run, RuntimeException e) {
        Claim claim = run.claim;
        log.warn("Subtask {} of task {} (attempt {}) failed, will retry: {}", claim.subtaskId(), claim.taskId(),
                claim.attempts(), e.toString());
        try {
            store.retryLater(claim, settings.retryDelay());
        } catch (TaskRepository.LeaseLostException lost) {
            // already claimed again
        }
    }

    /** One claimed subtask as its type sees it. */
    private final class Run implements SubtaskRun {

        private final Claim claim;
        private final AccountCalls calls;
        private final List<ErrorRecord> errors = new ArrayList<>();
        private int items;
        private volatile String stopped;

        Run(Claim claim) {
            this.claim = claim;
            this.calls = downstream.as(claim.task().accountId());
        }

        void stop(String why) {
            stopped = why;
        }

        @Override
        public long taskId() {
            return claim.taskId();
        }

        @Override
        public UUID accountId() {
            return claim.task().accountId();
        }

        @Override
        public UUID key() {
            return claim.task().resultKey();
        }

        @Override
        public JsonNode content() {
            return claim.task().content();
        }

        @Override
        public AccountCalls calls() {
            return calls;
        }

        @Override
        public TasksSettings settings() {
            return settings;
        }

        @Override
        public void checkCancelled() {
            String why = stopped;
            if (why != null) {
                throw new TaskCancelledException(why);
            }
        }

        @Override
        public int part() {
            return claim.part();
        }

        @Override
        public JsonNode subtaskContent() {
            return claim.content();
        }

        @Override
        public synchronized void error(LunaException error, Map<String, Object> info) {
            errors.add(ErrorRecord.of(error, linkBase, info));
        }

        @Override
        public synchronized void items(int count) {
            items += count;
        }
    }

    /** How long a silent worker keeps its subtask (for tests and the README). */
    public Duration lease() {
        return settings.lease();
    }
}
