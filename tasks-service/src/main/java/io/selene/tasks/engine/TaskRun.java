package io.selene.tasks.engine;

import java.util.UUID;

import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.config.TasksSettings;
import tools.jackson.databind.JsonNode;

/** A stored task as a type sees it while splitting or merging. */
public interface TaskRun {

    long taskId();

    UUID accountId();

    /** The content as {@link TaskType#validate} returned it. */
    JsonNode content();

    /** The owning services, called as the task's account (visibility {@code account}). */
    AccountCalls calls();

    TasksSettings settings();

    /** Throws when the task was cancelled or deleted since this run began (checked at each heartbeat). */
    void checkCancelled();
}
