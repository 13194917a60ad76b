package io.selene.tasks.api;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.commons.license.Feature;
import io.selene.commons.license.LicenseCheck;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.clients.Downstream;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.ResultStore;
import io.selene.tasks.engine.TaskQuery;
import io.selene.tasks.engine.TaskStatus;
import io.selene.tasks.engine.TaskRepository;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.engine.TaskTypes;
import io.selene.tasks.engine.WorkerPool;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /1/tasks}: create a task of a registered type, list and count tasks, one task, cancel (PATCH),
 * delete, its subtasks, errors and result, and errors across tasks. Every read is scoped by the caller's
 * account (another account's task is 404). Not served by an instance with {@code SELENE_TASKS_ROLE=worker}.
 */
@RestController
@RequestMapping("/1/tasks")
@ConditionalOnExpression("'${selene.tasks.role:all}' != 'worker'")
public class TaskController {

    private static final int MAX_PAGE = 1000;
    private static final FilterSpec SEARCH = filters(FilterSpec.paged().pageSize(10, MAX_PAGE));
    private static final FilterSpec COUNT = filters(FilterSpec.unpaged());
    private static final FilterSpec PAGE = FilterSpec.paged().pageSize(10, MAX_PAGE);
    private static final FilterSpec ERRORS = FilterSpec.paged().pageSize(10, MAX_PAGE).value("account_id",
            ValueType.UUID);
    private static final FilterSpec ERRORS_COUNT = FilterSpec.unpaged().value("account_id", ValueType.UUID);
    private static final FilterSpec NONE = FilterSpec.unpaged();

    private static FilterSpec filters(FilterSpec spec) {
        return spec.list("task_ids", ValueType.LONG, MAX_PAGE).value("task_type", ValueType.STRING)
                .value("task_status", ValueType.INTEGER).value("description", ValueType.STRING)
                .range("create_time", ValueType.TIMESTAMP).range("end_time", ValueType.TIMESTAMP)
                .range("task_id", ValueType.LONG).value("account_id", ValueType.UUID);
    }

    private final TaskRepository store;
    private final TaskTypes types;
    private final WorkerPool workers;
    private final ResultStore results;
    private final Downstream downstream;
    private final TasksSettings settings;
    private final Clock clock;
    private final LicenseCheck licenses;
    private final TaskBodies bodies;

    private final StrictJson strict;

    public TaskController(TaskRepository store, TaskTypes types, WorkerPool workers, ResultStore results,
            Downstream downstream, TasksSettings settings, Clock clock, LicenseCheck licenses, TaskBodies bodies,
            StrictJson strict) {
        this.strict = strict;
        this.licenses = licenses;
        this.bodies = bodies;
        this.store = store;
        this.types = types;
        this.workers = workers;
        this.results = results;
        this.downstream = downstream;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * {@code POST /1/tasks/<type>} with {@code {"description", "content": {...}, "result_storage_policy":
     * {"ttl"}}}: checked at once (400 naming the field), stored as pending, answered with its id; the
     * work runs in the background.
     */
    @PostMapping("/{taskType}")
    public ResponseEntity<Map<String, Object>> create(AccountContext account, @PathVariable String taskType,
            @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        TaskType type = types.find(taskType).orElseThrow(() -> PlatformErrors.INVALID_ROUTE.exception("POST",
                request.getRequestURI()));
        UUID owner = account.requireAccount();
        NONE.parse(request.getParameterMap(), clock);
        licenses.require(Feature.TASKS);
        JsonFields fields = JsonFields.body(body);
        TaskBodies.TaskBody task = bodies.read(fields, type, owner);
        fields.finish();
        JsonNode stored = bodies.validate(task, owner);
        long id = store.create(owner, type.name(), task.description(), stored, task.resultTtl());
        workers.wakeUp();
        return ResponseEntity.created(URI.create("/6/tasks/" + id)).body(Map.of("task_id", id));
    }

    @GetMapping
    public Map<String, Object> search(AccountContext account, HttpServletRequest request) {
        Filters filters = SEARCH.parse(request.getParameterMap(), clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Map<String, Object>> page = store.search(query(account, filters), filters.page()).stream()
                .map(task -> TaskViews.task(task, types, now)).toList();
        return Map.of("tasks", page);
    }

    @GetMapping("/count")
    public Map<String, Object> count(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        return Map.of("count", store.count(query(account, filters)));
    }

    private TaskQuery query(AccountContext account, Filters filters) {
        Optional<List<String>> typeNames = filters.<String>value("task_type").map(value -> List.of(typeName(value)));
        Optional<List<Integer>> statuses = filters.<Integer>value("task_status").map(code -> {
            if (code < 0 || code > 5) {
                throw PlatformErrors.BAD_QUERY.exception("Bad value '" + code + "' of parameter 'task_status': "
                        + "must be in 0..5");
            }
            return List.of(code);
        });
        return new TaskQuery(account.readScope(filters.value("account_id")), filters.list("task_ids"), typeNames,
                statuses, filters.value("description"), filters.range("create_time"), filters.range("end_time"),
                filters.range("task_id"));
    }

    /** {@code task_type} as LUNA's number or as the type's name. */
    String typeName(String value) {
        Optional<TaskType> type = value.matches("\\d{1,3}") ? types.byCode(Integer.parseInt(value)) : types.find(value);
        return type.map(TaskType::name).orElseThrow(() -> PlatformErrors.BAD_QUERY.exception("Bad value '" + value
                + "' of parameter 'task_type': one of " + types.all().stream().map(t -> t.code() + " (" + t.name()
                + ")").toList()));
    }

    @GetMapping("/errors")
    public Map<String, Object> allErrors(AccountContext account, HttpServletRequest request) {
        Filters filters = ERRORS.parse(request.getParameterMap(), clock);
        UUID scope = account.readScope(filters.value("account_id")).orElse(null);
        return Map.of("errors", store.errors(null, scope, filters.page()).stream().map(TaskViews::error).toList());
    }

    @GetMapping("/errors/count")
    public Map<String, Object> countAllErrors(AccountContext account, HttpServletRequest request) {
        Filters filters = ERRORS_COUNT.parse(request.getParameterMap(), clock);
        return Map.of("count", store.countErrors(null, account.readScope(filters.value("account_id")).orElse(null)));
    }

    @GetMapping("/errors/{errorId}")
    public Map<String, Object> oneError(AccountContext account, @PathVariable String errorId,
            HttpServletRequest request) {
        NONE.parse(request.getParameterMap(), clock);
        long id = id("error_id", errorId);
        return store.error(id).filter(error -> account.canSee(error.accountId())).map(TaskViews::error)
                .orElseThrow(() -> TasksErrors.TASK_ERROR_NOT_FOUND.exception(errorId));
    }

    @GetMapping("/{taskId}")
    public Map<String, Object> get(AccountContext account, @PathVariable String taskId, HttpServletRequest request) {
        NONE.parse(request.getParameterMap(), clock);
        return TaskViews.task(visible(account, taskId), types, OffsetDateTime.now(clock));
    }

    /** Cancel: pending subtasks are never claimed again; running ones stop at their next heartbeat. */
    @PatchMapping("/{taskId}")
    public Map<String, Object> cancel(AccountContext account, @PathVariable String taskId,
            @RequestBody(required = false) JsonNode body) {
        TaskRepository.Task task = own(account, taskId);
        if (body != null && !body.isNull()) {
            strict.read(body, CancelBody.class);
        }
        TaskStatus was = store.cancel(task.taskId()).orElseThrow(() -> TasksErrors.TASK_NOT_FOUND.exception(taskId));
        if (was.finished()) {
            throw TasksErrors.NOT_CANCELLABLE.exception(task.taskId(), was.label());
        }
        return TaskViews.task(store.find(task.taskId()).orElseThrow(), types, OffsetDateTime.now(clock));
    }

    @DeleteMapping("/{taskId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AccountContext account, @PathVariable String taskId) {
        TaskRepository.Task task = own(account, taskId);
        store.cancel(task.taskId());
        store.delete(task.taskId());
        try {
            results.delete(task);
        } catch (RuntimeException e) {
            // the object expires by its TTL anyway
        }
    }

    @GetMapping("/{taskId}/subtasks")
    public Map<String, Object> subtasks(AccountContext account, @PathVariable String taskId,
            HttpServletRequest request) {
        Filters filters = PAGE.parse(request.getParameterMap(), clock);
        TaskRepository.Task task = visible(account, taskId);
        return Map.of("subtasks", store.subtasks(task.taskId(), filters.page().pageSize(), filters.page().offset())
                .stream().map(TaskViews::subtask).toList());
    }

    @GetMapping("/{taskId}/errors")
    public Map<String, Object> errors(AccountContext account, @PathVariable String taskId,
            HttpServletRequest request) {
        Filters filters = PAGE.parse(request.getParameterMap(), clock);
        TaskRepository.Task task = visible(account, taskId);
        return Map.of("errors", store.errors(task.taskId(), null, filters.page()).stream().map(TaskViews::error)
                .toList());
    }

    /** The result object, as stored (JSON, CSV or zip), as an attachment {@code task_<id>.<ext>}. */
    @GetMapping("/{taskId}/result")
    public ResponseEntity<byte[]> result(AccountContext account, @PathVariable String taskId,
            HttpServletRequest request) {
        NONE.parse(request.getParameterMap(), clock);
        TaskRepository.Task task = visible(account, taskId);
        switch (task.status()) {
            case DONE -> {
            }
            case CANCELLED -> throw TasksErrors.TASK_CANCELLED.exception(task.taskId());
            case FAILED -> throw TasksErrors.NO_RESULT_IN_STATUS.exception(task.taskId(), task.status().label());
            default -> throw TasksErrors.NO_RESULT_YET.exception(task.taskId());
        }
        if (task.resultId() == null || (task.resultExpiry() != null
                && !task.resultExpiry().isAfter(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC))))) {
            throw TasksErrors.RESULT_NOT_FOUND.exception(task.taskId());
        }
        ResponseEntity<byte[]> stored;
        try {
            stored = results.get(task);
        } catch (LunaException e) {
            if (e.status().value() == 404) {
                throw TasksErrors.RESULT_NOT_FOUND.exception(task.taskId());
            }
            throw e;
        }
        MediaType type = stored.getHeaders().getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                : stored.getHeaders().getContentType();
        String extension = task.resultType() == null ? "bin" : switch (task.resultType()) {
            case "application/json" -> "json";
            case "text/csv" -> "csv";
            case "application/zip" -> "zip";
            default -> "bin";
        };
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=task_" + task.taskId() + "." + extension)
                .body(stored.getBody());
    }

    private static long id(String name, String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of '" + name + "': expected a positive integer");
    }

    /** The task if the caller may read it; another account's is 404, exactly as one that does not exist. */
    private TaskRepository.Task visible(AccountContext account, String raw) {
        long id = id("task_id", raw);
        return store.find(id).filter(task -> account.canSee(task.accountId()))
                .orElseThrow(() -> TasksErrors.TASK_NOT_FOUND.exception(id));
    }

    /** The task if the caller owns it (changes are never made across accounts). */
    private TaskRepository.Task own(AccountContext account, String raw) {
        long id = id("task_id", raw);
        UUID owner = account.requireAccount();
        return store.find(id).filter(task -> task.accountId().equals(owner))
                .orElseThrow(() -> TasksErrors.TASK_NOT_FOUND.exception(id));
    }
}
