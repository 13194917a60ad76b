package io.selene.tasks.api;

import io.selene.tasks.engine.TaskType;
import io.selene.tasks.engine.TaskTypes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** One {@code POST /1/tasks/<name>} per registered task type in {@code /docs/spec}, with its example body. */
@Component
public class TaskTypesOpenApi implements OpenApiCustomizer {

    private final TaskTypes types;

    public TaskTypesOpenApi(TaskTypes types) {
        this.types = types;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            openApi.setPaths(new Paths());
        }
        for (TaskType type : types.all()) {
            Operation create = new Operation()
                    .addTagsItem("tasks")
                    .operationId("create_" + type.name() + "_task")
                    .summary("Create a " + type.name() + " task (task_type " + type.code() + ")")
                    .description(type.summary() + " Body: {\"description\", \"content\", \"result_storage_policy\": "
                            + "{\"ttl\"}}; answers at once with the task id, the work runs in the background.")
                    .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                            new MediaType().schema(new ObjectSchema()).example(type.example()))))
                    .responses(new ApiResponses()
                            .addApiResponse("201", new ApiResponse().description("{\"task_id\": <id>}"))
                            .addApiResponse("400", new ApiResponse().description("Bad content (102 naming the field)")));
            openApi.getPaths().addPathItem("/1/tasks/" + type.name(), new PathItem().post(create));
        }
    }
}
