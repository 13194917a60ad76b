package io.selene.tasks.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.selene.tasks.engine.TaskStatus;
import io.selene.tasks.engine.TaskRepository;
import io.selene.tasks.engine.TaskTypes;

/** The JSON shapes of tasks, subtasks and errors. */
final class TaskViews {

    private TaskViews() {
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static Map<String, Object> task(TaskRepository.Task task, TaskTypes types, OffsetDateTime now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("task_id", task.taskId());
        view.put("account_id", task.accountId().toString());
        view.put("task_type", types.find(task.type()).map(type -> type.code()).orElse(-1));
        view.put("task_type_name", task.type());
        view.put("task_status", task.status().code());
        view.put("description", task.description());
        view.put("content", types.find(task.type()).map(type -> type.view(task.content())).orElse(task.content()));
        view.put("create_time", time(task.createTime()));
        view.put("last_update_time", time(task.lastUpdateTime()));
        view.put("start_time", time(task.startTime()));
        view.put("end_time", time(task.endTime()));
        view.put("count_task_parts_done", task.partsDone());
        view.put("count_task_parts_all", task.partsAll());
        view.put("progress", progress(task));
        view.put("estimated_time_left", timeLeft(task, now));
        view.put("errors_count", task.errors());
        view.put("result_id", task.resultId());
        view.put("result_url", task.resultId() == null ? null : "/6/tasks/" + task.taskId() + "/result");
        view.put("result_expiry_time", time(task.resultExpiry()));
        view.put("result_storage_policy", Map.of("ttl", task.resultTtl()));
        return view;
    }

    static double progress(TaskRepository.Task task) {
        if (task.status() == TaskStatus.DONE) {
            return 1.0;
        }
        if (task.partsAll() == 0) {
            return 0.0;
        }
        return Math.round(1e4 * task.partsDone() / task.partsAll()) / 1e4;
    }

    /** Seconds left at the rate parts finished so far; null before the first part finished or when over. */
    static Double timeLeft(TaskRepository.Task task, OffsetDateTime now) {
        if (task.status().finished()) {
            return 0.0;
        }
        if (task.startTime() == null || task.partsDone() == 0 || task.partsAll() == 0) {
            return null;
        }
        double elapsed = Duration.between(task.startTime(), now).toMillis() / 1000.0;
        return Math.round(10 * elapsed / task.partsDone() * (task.partsAll() - task.partsDone())) / 10.0;
    }

    static Map<String, Object> subtask(TaskRepository.Subtask subtask) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subtask_id", subtask.subtaskId());
        view.put("task_id", subtask.taskId());
        view.put("part", subtask.part());
        view.put("status", subtask.status().code());
        view.put("attempts", subtask.attempts());
        view.put("count_items", subtask.items());
        view.put("errors_count", subtask.errors());
        view.put("create_time", time(subtask.createTime()));
        view.put("start_time", time(subtask.startTime()));
        view.put("end_time", time(subtask.endTime()));
        view.put("content", subtask.content());
        return view;
    }

    static Map<String, Object> error(TaskRepository.StoredError error) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("error_id", error.errorId());
        view.put("task_id", error.taskId());
        view.put("subtask_id", error.subtaskId());
        view.put("error_code", error.code());
        view.put("desc", error.desc());
        view.put("detail", error.detail());
        view.put("link", error.link());
        view.put("additional_info", error.info());
        view.put("error_time", time(error.time()));
        return view;
    }
}
