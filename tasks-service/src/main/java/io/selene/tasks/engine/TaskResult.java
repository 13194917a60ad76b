package io.selene.tasks.engine;

/**
 * The merged result of a task, stored as one Image Store object.
 *
 * @param body        the bytes
 * @param contentType {@code application/json}, {@code text/csv} or {@code application/zip}
 * @param extension   file name extension of {@code GET /tasks/{id}/result}'s attachment
 */
public record TaskResult(byte[] body, String contentType, String extension) {

    public static TaskResult json(byte[] body) {
        return new TaskResult(body, "application/json", "json");
    }
}
