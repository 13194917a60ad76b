package io.selene.tasks.engine;

import java.util.Map;

import io.selene.commons.error.LunaException;
import tools.jackson.databind.JsonNode;

/** One subtask being run by a worker. */
public interface SubtaskRun extends TaskRun {

    /** 0-based number of the subtask within its task. */
    int part();

    /** The content {@link TaskType#split} made for this subtask. */
    JsonNode subtaskContent();

    /**
     * Records a failed item (kept with the subtask, {@code GET /tasks/{id}/errors}); written together with
     * the subtask's result, so a subtask that is run again does not report it twice.
     *
     * @param info what failed, e.g. {@code {"filename": "a.jpg"}} or {@code {"face_id": "…"}}
     */
    void error(LunaException error, Map<String, Object> info);

    /** Adds to the number of items this subtask handled (shown with the subtask). */
    void items(int count);
}
