package io.selene.tasks.engine;

import tools.jackson.databind.JsonNode;

/** One subtask being run by a worker. */
public interface SubtaskRun extends TaskRun {

    /** 0-based number of the subtask within its task. */
    int part();

    /** The content {@link TaskType#split} made for this subtask. */
    JsonNode subtaskContent();

    /** Adds to the number of items this subtask handled (shown with the subtask). */
    void items(int count);
}
