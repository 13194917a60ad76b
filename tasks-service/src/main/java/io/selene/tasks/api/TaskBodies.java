package io.selene.tasks.api;

import java.util.UUID;

import io.selene.commons.json.JsonFields;
import io.selene.tasks.clients.Downstream;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a task body ({@code description}, {@code content}, {@code result_storage_policy}) and checks the
 * content with its type: the same for {@code POST /1/tasks/<type>} and for the task of a schedule.
 */
@Component
public class TaskBodies {

    /** A checked task body, ready to store. */
    public record TaskBody(TaskType type, String description, JsonNode content, int resultTtl) {
    }

    private final Downstream downstream;
    private final TasksSettings settings;

    public TaskBodies(Downstream downstream, TasksSettings settings) {
        this.downstream = downstream;
        this.settings = settings;
    }

    /** Reads {@code description}, {@code result_storage_policy} and {@code content} of {@code fields} (not finished). */
    public TaskBody read(JsonFields fields, TaskType type, UUID owner) {
        String description = fields.string("description", "", 0, 128);
        JsonFields policy = fields.object("result_storage_policy");
        long ttl = policy.integer("ttl", (int) settings.resultTtl().toSeconds(), 1,
                (int) settings.resultMaxTtl().toSeconds());
        policy.finish();
        fields.requiredObject("content");
        JsonNode content = fields.raw("content");
        return new TaskBody(type, description, content, (int) ttl);
    }

    /** The content as the type stores it (the type may ask the owning services). */
    public JsonNode validate(TaskBody body, UUID owner) {
        return body.type().validate(body.content(), new TaskRequest(owner, downstream.as(owner)));
    }
}
