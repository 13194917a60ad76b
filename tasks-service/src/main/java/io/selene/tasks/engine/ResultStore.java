package io.selene.tasks.engine;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.clients.Downstream;
import io.selene.tasks.config.TasksSettings;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Task results as Image Store objects with a TTL, in the task's account. The object id is fixed per task
 * ({@code task-<id>-<result key>}), so a merge that runs again overwrites instead of leaving a second object.
 */
@Component
public class ResultStore {

    private final Downstream downstream;
    private final TasksSettings settings;

    public ResultStore(Downstream downstream, TasksSettings settings) {
        this.downstream = downstream;
        this.settings = settings;
    }

    public static String objectId(long taskId, UUID resultKey) {
        return "task-" + taskId + "-" + resultKey;
    }

    private String path(String objectId) {
        return "/1/buckets/" + settings.resultBucket() + "/objects/" + objectId;
    }

    /** Stores the result; returns its expiry. */
    public OffsetDateTime put(TaskRepository.Task task, TaskResult result) {
        OffsetDateTime expiry = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(task.resultTtl())
                .truncatedTo(ChronoUnit.SECONDS);
        downstream.as(task.accountId()).put(AccountCalls.IMAGE_STORE, path(objectId(task.taskId(), task.resultKey())),
                (long) task.resultTtl(), result.contentType(), result.body());
        return expiry;
    }

    /** The stored result's bytes and Content-Type, as the task's account. */
    public ResponseEntity<byte[]> get(TaskRepository.Task task) {
        return downstream.as(task.accountId()).bytes(AccountCalls.IMAGE_STORE, path(task.resultId()));
    }

    /** Removes a result (a deleted task); an expired or missing one is fine. */
    public void delete(TaskRepository.Task task) {
        if (task.resultId() == null) {
            return;
        }
        try {
            downstream.as(task.accountId()).delete(AccountCalls.IMAGE_STORE, path(task.resultId()), null, null);
        } catch (LunaException e) {
            if (e.status().value() != 404) {
                throw e;
            }
        }
    }
}
