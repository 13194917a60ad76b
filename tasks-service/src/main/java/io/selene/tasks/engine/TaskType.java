package io.selene.tasks.engine;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One kind of task ({@code POST /1/tasks/<name>}). A type is one class: it checks the request's
 * {@code content}, splits a stored task into subtasks, runs one subtask and merges the partial
 * results. The engine does everything else for every type alike: storing the task, the claiming
 * and leases of subtasks, retries, progress, cancel, per-subtask errors and the result object in
 * Image Store. The {@link TaskTypes} registry (every bean of this type) is what the controller,
 * the gateway check and the OpenAPI document read.
 */
public interface TaskType {

    /** The path segment and name of the type, e.g. {@code gc}. */
    String name();

    /** The numeric {@code task_type} of a task of this type. */
    int code();

    /** One sentence for {@code /docs/spec}. */
    String summary();

    /** An example request body for {@code /docs/spec}. */
    String example();

    /**
     * Checks the request's {@code content} (already a JSON object) for the caller's account and returns
     * the content to store. May ask the owning services (e.g. that a list exists, that filters are
     * valid there); a refusal is a {@link io.selene.commons.error.LunaException} naming the field.
     */
    JsonNode validate(JsonNode content, TaskRequest request);

    /**
     * Splits a stored task into the contents of its subtasks. Runs in a worker, so it may take time;
     * an empty list finishes the task at once with the merge of no partial results.
     */
    List<JsonNode> split(TaskRun task);

    /**
     * Runs one subtask and returns its partial result. An item that fails is reported with
     * {@link SubtaskRun#error} and the run goes on; a thrown LUNA 4xx fails the subtask; anything else
     * is treated as transient and the subtask is tried again later. Long runs call
     * {@link SubtaskRun#checkCancelled()} between items.
     */
    JsonNode run(SubtaskRun subtask);

    /** Merges the partial results of the subtasks that finished (in part order) into the task's result. */
    TaskResult merge(TaskRun task, PartialResults partials);

    /** The content as {@code GET /tasks/{id}} shows it (e.g. with credentials left out). */
    default JsonNode view(JsonNode content) {
        return content;
    }

    /** The partial results of a task's subtasks, read one at a time. */
    interface PartialResults {

        void forEach(java.util.function.Consumer<JsonNode> action);
    }

    /** Several subtask contents from one list of items, {@code size} items each. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }
}
