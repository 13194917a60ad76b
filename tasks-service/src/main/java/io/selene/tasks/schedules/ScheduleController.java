package io.selene.tasks.schedules;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.ids.Ids;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.commons.license.Feature;
import io.selene.commons.license.LicenseCheck;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.api.TaskBodies;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.engine.TaskTypes;
import io.selene.tasks.schedules.ScheduleRepository.Schedule;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
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
 * {@code /1/tasks/schedules}: cron schedules that create a task of a type at their times. Body of a create:
 * {@code {"cron": "0 3 * * *", "cron_timezone": "UTC", "task": {"task_type": "gc" | 8, "description",
 * "content", "result_storage_policy"}, "action": "start" | "stop"}}; the task is checked as
 * {@code POST /1/tasks/<type>} checks it, once, when the schedule is created. PATCH {@code {"action": "start"
 * | "stop"}}. Another account's schedule is 404 ({@code 28123}), as one that does not exist.
 */
@RestController
@RequestMapping("/1/tasks/schedules")
@ConditionalOnExpression("'${selene.tasks.role:all}' != 'worker'")
public class ScheduleController {

    private static final FilterSpec SEARCH = FilterSpec.paged().pageSize(10, 1000).value("status", ValueType.STRING)
            .value("account_id", ValueType.UUID);
    private static final FilterSpec COUNT = FilterSpec.unpaged().value("status", ValueType.STRING)
            .value("account_id", ValueType.UUID);
    private static final FilterSpec NONE = FilterSpec.unpaged();
    /** Types a schedule may not create: the erasure of an account is a one-off admin act. */
    private static final List<String> NOT_SCHEDULABLE = List.of("account_erasure");

    private final ScheduleRepository schedules;
    private final TaskTypes types;
    private final TaskBodies bodies;
    private final TasksSettings settings;
    private final LicenseCheck licenses;
    private final Clock clock;

    private final StrictJson strict;

    public ScheduleController(ScheduleRepository schedules, TaskTypes types, TaskBodies bodies,
            TasksSettings settings, LicenseCheck licenses, Clock clock, StrictJson strict) {
        this.strict = strict;
        this.schedules = schedules;
        this.types = types;
        this.bodies = bodies;
        this.settings = settings;
        this.licenses = licenses;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(AccountContext account, @RequestBody(required = false) JsonNode body,
            HttpServletRequest request) {
        UUID owner = account.requireAccount();
        NONE.parse(request.getParameterMap(), clock);
        licenses.require(Feature.TASKS);
        JsonFields fields = JsonFields.body(body);
        String expression = fields.requiredString("cron", 1, 128);
        String zone = fields.string("cron_timezone", "UTC", 1, 64);
        String action = fields.oneOf("action", "start", List.of("start", "stop"));
        JsonFields task = fields.requiredObject("task");
        fields.finish();
        JsonNode typeNode = task.required("task_type");
        TaskType type = type(typeNode, task.path("task_type"));
        TaskBodies.TaskBody taskBody = bodies.read(task, type, owner);
        task.finish();
        Cron cron = Cron.parse(expression, zone);
        if (schedules.count(owner, Optional.empty()) >= settings.maxSchedules()) {
            throw JsonFields.bad("body", "the account has " + settings.maxSchedules() + " schedules, the most "
                    + "allowed (SELENE_TASKS_MAX_SCHEDULES)");
        }
        JsonNode content = bodies.validate(taskBody, owner);
        UUID id = UUID.randomUUID();
        boolean start = action.equals("start");
        schedules.create(new Schedule(id, owner, cron.expression(), cron.zone().getId(),
                start ? ScheduleRepository.RUNNING : ScheduleRepository.STOPPED, type.name(), taskBody.description(),
                content, taskBody.resultTtl(), null, null, start ? cron.next(now()) : null, null, null, 0));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("schedule_id", id.toString());
        answer.put("url", "/6/tasks/schedules/" + id);
        return ResponseEntity.created(URI.create("/6/tasks/schedules/" + id)).body(answer);
    }

    private TaskType type(JsonNode value, String at) {
        Optional<TaskType> type = value.isIntegralNumber() ? types.byCode(value.asInt())
                : value.isString() ? types.find(value.asString()) : Optional.empty();
        TaskType found = type.orElseThrow(() -> JsonFields.bad(at, "one of " + types.all().stream()
                .map(t -> t.code() + " (" + t.name() + ")").toList()));
        if (NOT_SCHEDULABLE.contains(found.name())) {
            throw TasksErrors.NOT_SCHEDULABLE.exception(found.name());
        }
        return found;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Optional<String> status(Filters filters) {
        Optional<String> status = filters.value("status");
        status.ifPresent(value -> {
            if (!List.of(ScheduleRepository.RUNNING, ScheduleRepository.STOPPED).contains(value)) {
                throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter 'status': running "
                        + "or stopped");
            }
        });
        return status;
    }

    @GetMapping
    public Map<String, Object> search(AccountContext account, HttpServletRequest request) {
        Filters filters = SEARCH.parse(request.getParameterMap(), clock);
        UUID scope = account.readScope(filters.value("account_id")).orElse(null);
        return Map.of("schedules", schedules.search(scope, status(filters), filters.page()).stream()
                .map(this::view).toList());
    }

    @GetMapping("/count")
    public Map<String, Object> count(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        UUID scope = account.readScope(filters.value("account_id")).orElse(null);
        return Map.of("count", schedules.count(scope, status(filters)));
    }

    @GetMapping("/{scheduleId}")
    public Map<String, Object> get(AccountContext account, @PathVariable String scheduleId,
            HttpServletRequest request) {
        NONE.parse(request.getParameterMap(), clock);
        Schedule schedule = schedules.find(Ids.uuid("schedule_id", scheduleId))
                .filter(s -> account.canSee(s.accountId()))
                .orElseThrow(() -> TasksErrors.SCHEDULE_NOT_FOUND.exception(scheduleId));
        return view(schedule);
    }

    /** {@code {"action": "start" | "stop"}}: a started schedule fires from its next time after now. */
    @PatchMapping("/{scheduleId}")
    public Map<String, Object> patch(AccountContext account, @PathVariable String scheduleId,
            @RequestBody(required = false) JsonNode body) {
        Schedule schedule = own(account, scheduleId);
        String action = strict.read(body, ScheduleAction.class).action();
        if (action.equals("start")) {
            if (!schedule.running()) {
                Cron cron = Cron.parse(schedule.cron(), schedule.timeZone());
                schedules.setStatus(schedule.scheduleId(), ScheduleRepository.RUNNING, cron.next(now()));
            }
        } else {
            schedules.setStatus(schedule.scheduleId(), ScheduleRepository.STOPPED, null);
        }
        return view(schedules.find(schedule.scheduleId())
                .orElseThrow(() -> TasksErrors.SCHEDULE_NOT_FOUND.exception(scheduleId)));
    }

    /** Deletes the schedule; the tasks it created stay. */
    @DeleteMapping("/{scheduleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AccountContext account, @PathVariable String scheduleId) {
        schedules.delete(own(account, scheduleId).scheduleId());
    }

    private Schedule own(AccountContext account, String raw) {
        UUID owner = account.requireAccount();
        return schedules.find(Ids.uuid("schedule_id", raw)).filter(s -> s.accountId().equals(owner))
                .orElseThrow(() -> TasksErrors.SCHEDULE_NOT_FOUND.exception(raw));
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private Map<String, Object> view(Schedule s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("schedule_id", s.scheduleId().toString());
        view.put("account_id", s.accountId().toString());
        view.put("cron", s.cron());
        view.put("cron_timezone", s.timeZone());
        view.put("status", s.status());
        Map<String, Object> task = new LinkedHashMap<>();
        Optional<TaskType> type = types.find(s.taskType());
        task.put("task_type", type.map(TaskType::code).orElse(null));
        task.put("task_type_name", s.taskType());
        task.put("description", s.description());
        task.put("content", type.map(t -> t.view(s.content())).orElse(s.content()));
        task.put("result_storage_policy", Map.of("ttl", s.resultTtl()));
        view.put("task", task);
        view.put("create_time", time(s.createTime()));
        view.put("last_update_time", time(s.lastUpdateTime()));
        view.put("next_run_time", time(s.nextFireTime()));
        view.put("last_run_time", time(s.lastFireTime()));
        view.put("last_task_id", s.lastTaskId());
        view.put("tasks_created", s.tasksCreated());
        return view;
    }
}
