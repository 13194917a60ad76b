package io.selene.admin.tasks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.admin.AdminErrors;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * tasks-service's tasks of every account, newest first, and their cancellation, which tasks-service
 * allows the task's own account only: the admin cancels as that account.
 */
@Component
public class TasksClient {

    /** LUNA's task_status codes, as the pages name them. */
    private static final List<String> STATUSES = List.of("pending", "in progress", "cancelled", "failed",
            "collecting results", "done");

    private final RestClient tasks;

    public TasksClient(InternalClients clients) {
        this.tasks = clients.restClient("tasks-service");
    }

    public List<JsonNode> list(UUID admin, int page, int pageSize) {
        return tasks.get().uri("/1/tasks?page={page}&page_size={size}", page, pageSize)
                .header(PlatformHeaders.ACCOUNT_ID, admin.toString()).header(PlatformHeaders.VISIBILITY, "all")
                .retrieve().body(JsonNode.class).path("tasks").valueStream().toList();
    }

    public long count(UUID admin) {
        return tasks.get().uri("/1/tasks/count").header(PlatformHeaders.ACCOUNT_ID, admin.toString())
                .header(PlatformHeaders.VISIBILITY, "all").retrieve().body(JsonNode.class).path("count").asLong();
    }

    /** Cancels a task of any account; 404 (35004) for a task that does not exist. */
    public JsonNode cancel(UUID admin, long taskId) {
        JsonNode task = tasks.get().uri("/1/tasks/{id}", taskId).header(PlatformHeaders.ACCOUNT_ID, admin.toString())
                .header(PlatformHeaders.VISIBILITY, "all").retrieve().body(JsonNode.class);
        if (task == null || !task.hasNonNull("account_id")) {
            throw AdminErrors.TASK_NOT_FOUND.exception(taskId);
        }
        return tasks.patch().uri("/1/tasks/{id}", taskId)
                .header(PlatformHeaders.ACCOUNT_ID, task.get("account_id").asString())
                .header(PlatformHeaders.VISIBILITY, "account").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("action", "cancel")).retrieve().body(JsonNode.class);
    }

    public static String statusName(int code) {
        return code >= 0 && code < STATUSES.size() ? STATUSES.get(code) : "unknown (" + code + ")";
    }
}
