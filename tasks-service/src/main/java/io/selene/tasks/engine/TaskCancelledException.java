package io.selene.tasks.engine;

/** Thrown by {@link TaskRun#checkCancelled()} when the task was cancelled or deleted, or the lease was lost. */
public final class TaskCancelledException extends RuntimeException {

    TaskCancelledException(String message) {
        super(message, null, false, false);
    }
}
