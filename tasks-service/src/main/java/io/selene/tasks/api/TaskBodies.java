package io.selene.tasks.api;

import static io.selene.commons.json.Reasons.LENGTH;
import static io.selene.commons.json.Reasons.REQUIRED;

import java.util.UUID;

import io.selene.commons.json.JsonFields;
import io.selene.tasks.clients.Downstream;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

    /** The body of {@code POST /1/tasks/<type>}; the content is read by its type. */
    public record NewTask(
            @Size(max = 128, message = LENGTH) String description,
            @Valid StoragePolicy resultStoragePolicy,
            @NotNull(message = REQUIRED) JsonNode content) {
    }

    /**
     * How long the result is kept, in seconds. Its range is checked by {@link #read}: the most allowed is a setting,
     * and the refusal names it.
     */
    public record StoragePolicy(Integer ttl) {
    }

    private final Downstream downstream;
    private final TasksSettings settings;

    public TaskBodies(Downstream downstream, TasksSettings settings) {
        this.downstream = downstream;
        this.settings = settings;
    }

    /**
     * A task body of {@code type} from its bound parts; {@code at} is the path of the object holding them
     * ({@code ""} for a task body, {@code task} for a schedule's).
     */
    public TaskBody read(String description, StoragePolicy policy, JsonNode content, TaskType type, String at) {
        String prefix = at.isEmpty() ? "" : at + ".";
        int maxTtl = (int) settings.resultMaxTtl().toSeconds();
        Integer ttl = policy == null ? null : policy.ttl();
        if (ttl != null && (ttl < 1 || ttl > maxTtl)) {
            throw JsonFields.bad(prefix + "result_storage_policy.ttl", "must be an integer in 1.." + maxTtl);
        }
        if (content == null || content.isNull()) {
            throw JsonFields.bad(prefix + "content", REQUIRED);
        }
        if (!content.isObject()) {
            throw JsonFields.bad(prefix + "content", "must be a JSON object");
        }
        return new TaskBody(type, description == null ? "" : description, content,
                ttl == null ? (int) settings.resultTtl().toSeconds() : ttl);
    }

    /** The content as the type stores it (the type may ask the owning services). */
    public JsonNode validate(TaskBody body, UUID owner) {
        return body.type().validate(body.content(), new TaskRequest(owner, downstream.as(owner)));
    }
}
