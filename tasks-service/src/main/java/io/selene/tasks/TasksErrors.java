package io.selene.tasks;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/**
 * Errors of tasks-service. 28001, 28003, 28017, 28018, 28020 and 28025 are LUNA's codes and texts (its
 * public error catalogue); 28100.. are Selene's own.
 */
public final class TasksErrors implements ErrorCatalogue {

    public static final LunaError TASK_NOT_FOUND = new LunaError(28001, HttpStatus.NOT_FOUND,
            "Object not found", "Task with id '{}' not found");
    public static final LunaError TASK_ERROR_NOT_FOUND = new LunaError(28003, HttpStatus.NOT_FOUND,
            "Object not found", "Task error with id '{}' not found");
    public static final LunaError RESULT_NOT_FOUND = new LunaError(28017, HttpStatus.NOT_FOUND,
            "Object not found", "Result of the task '{}' not found");
    public static final LunaError NO_RESULT_YET = new LunaError(28018, HttpStatus.NOT_FOUND,
            "Object not found", "Task '{}' does not have result yet");
    public static final LunaError NO_RESULT_IN_STATUS = new LunaError(28020, HttpStatus.NOT_FOUND,
            "Object not found", "Impossible get a result of task {} with status {}");
    public static final LunaError TASK_CANCELLED = new LunaError(28025, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Task '{}' has been cancelled");

    public static final LunaError NOT_CANCELLABLE = new LunaError(28100, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Task '{}' is {} and cannot be cancelled");
    public static final LunaError RESULT_TOO_LARGE = new LunaError(28101, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "The result of task {} would be {} bytes, more than the limit of {} bytes; "
                    + "narrow the filters");
    public static final LunaError SUBTASK_ABANDONED = new LunaError(28102, HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal server error", "Subtask {} was claimed {} times without finishing; it is given up");
    public static final LunaError TOO_MANY_SUBTASKS = new LunaError(28103, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "The selection needs {} subtasks, more than the limit of {}; narrow the filters");
    public static final LunaError SOURCE_NOT_ALLOWED = new LunaError(28110, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{}");
    public static final LunaError BAD_ARCHIVE = new LunaError(28111, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad archive: {}");
    public static final LunaError UNSAFE_ENTRY = new LunaError(28112, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Archive entry '{}' is refused: {}");
    public static final LunaError ARCHIVE_BOMB = new LunaError(28113, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Archive refused: {}");
    public static final LunaError IMAGE_UNREADABLE = new LunaError(28114, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Image '{}' could not be read: {}");
    public static final LunaError SOURCE_UNREACHABLE = new LunaError(28115, HttpStatus.BAD_GATEWAY,
            "Internal server error", "Image source failed: {}");
    public static final LunaError ERASURE_REFUSED = new LunaError(28116, HttpStatus.FORBIDDEN,
            "Forbidden", "Account erasure refused: {}");

    public static final LunaError BAD_MARKUP = new LunaError(28120, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad markup: {}");
    public static final LunaError NO_DESCRIPTOR = new LunaError(28121, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Object '{}' has no descriptor of version {}");
    public static final LunaError BAD_CRON = new LunaError(28122, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad cron expression '{}': {}");
    public static final LunaError SCHEDULE_NOT_FOUND = new LunaError(28123, HttpStatus.NOT_FOUND,
            "Object not found", "Schedule with id '{}' not found");
    public static final LunaError TOO_MANY_DESCRIPTORS = new LunaError(28124, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "The selection has more than {} descriptors; narrow the filters");
    public static final LunaError NOT_SCHEDULABLE = new LunaError(28125, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Tasks of type '{}' cannot be scheduled");
    public static final LunaError PART_FAILED = new LunaError(28126, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Task {} has no result: the part that computes it failed (see the task's "
                    + "errors)");
    public static final LunaError PREVIOUS_TASK_REFUSED = new LunaError(28127, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Clustering task {} cannot be continued: {}");

    @Override
    public List<LunaError> errors() {
        return List.of(TASK_NOT_FOUND, TASK_ERROR_NOT_FOUND, RESULT_NOT_FOUND, NO_RESULT_YET, NO_RESULT_IN_STATUS,
                TASK_CANCELLED, NOT_CANCELLABLE, RESULT_TOO_LARGE, SUBTASK_ABANDONED, TOO_MANY_SUBTASKS,
                SOURCE_NOT_ALLOWED, BAD_ARCHIVE, UNSAFE_ENTRY, ARCHIVE_BOMB, IMAGE_UNREADABLE, SOURCE_UNREACHABLE,
                ERASURE_REFUSED, BAD_MARKUP, NO_DESCRIPTOR, BAD_CRON, SCHEDULE_NOT_FOUND, TOO_MANY_DESCRIPTORS,
                NOT_SCHEDULABLE, PART_FAILED, PREVIOUS_TASK_REFUSED);
    }
}
