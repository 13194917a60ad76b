package io.selene.admin.tasks;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.selene.admin.caller.Admins;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.StrictJson;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /1/tasks} ({@code /6/admin/tasks} at the gateway): every account's tasks, and cancelling any of them. */
@RestController
@Tag(name = "admin tasks")
public class TaskAdminController {

    private static final FilterSpec PAGED = FilterSpec.paged();

    private final TasksClient tasks;
    private final Clock clock;
    private final StrictJson strict;

    public TaskAdminController(TasksClient tasks, Clock clock, StrictJson strict) {
        this.tasks = tasks;
        this.clock = clock;
        this.strict = strict;
    }

    @GetMapping(path = "/1/tasks", produces = "application/json")
    @Operation(summary = "Tasks of every account with their progress: page, page_size")
    public Map<String, Object> list(HttpServletRequest request) {
        Filters filters = PAGED.parse(request.getParameterMap(), clock);
        var admin = Admins.of(request).accountId();
        List<JsonNode> page = tasks.list(admin, filters.page().page(), filters.page().pageSize());
        return Map.of("tasks", page, "count", tasks.count(admin));
    }

    @PatchMapping(path = "/1/tasks/{task_id}", produces = "application/json")
    @Operation(summary = "Cancel a task of any account: {\"action\": \"cancel\"} (as tasks-service's own PATCH)")
    public JsonNode cancel(HttpServletRequest request, @PathVariable("task_id") String taskId,
            @RequestBody(required = false) JsonNode body) {
        if (body != null && !body.isNull()) {
            strict.read(body, CancelBody.class);
        }
        long id;
        try {
            id = Long.parseLong(taskId);
        } catch (NumberFormatException e) {
            throw PlatformErrors.BAD_QUERY.exception("Bad task_id '" + taskId + "': must be a number");
        }
        return tasks.cancel(Admins.of(request).accountId(), id);
    }
}
