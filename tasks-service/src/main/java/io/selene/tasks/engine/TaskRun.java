package io.selene.tasks.engine;

import java.util.Map;
import java.util.UUID;

import io.selene.commons.error.LunaException;

import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.config.TasksSettings;
import tools.jackson.databind.JsonNode;

/** A stored task as a type sees it while splitting or merging. */
public interface TaskRun {

    long taskId();

    UUID accountId();

    /** A random id fixed per task: names the objects a task stores, unique even across databases. */
    UUID key();

    /** The content as {@link TaskType#validate} returned it. */
    JsonNode content();

    /** The owning services, called as the task's account (visibility {@code account}). */
    AccountCalls calls();

    TasksSettings settings();

    /**
     * Records a failed item ({@code GET /tasks/{id}/errors}); written together with the run's outcome, so a
     * run that is repeated does not report it twice.
     *
     * @param info what failed, e.g. {@code {"filename": "a.jpg"}} or {@code {"face_id": "…"}}
     */
    void error(LunaException error, Map<String, Object> info);

    /** Throws when the task was cancelled or deleted since this run began (checked at each heartbeat). */
    void checkCancelled();
}
