package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Tasks: {@code /6/tasks...} onto tasks-service {@code /1/tasks...}, all under the {@code task} permission.
 * One route creates a task of any type ({@code POST /6/tasks/{task_type}}): tasks-service reads its
 * registry of task types and answers an unknown type with 404 (106) like an unknown route, so a new type
 * needs no change here ({@code TasksGatewayTest} checks every registered type is reachable). Literal
 * {@code /6/tasks/count}, {@code /6/tasks/errors...} and {@code /6/tasks/schedules...} (cron schedules, UUID
 * ids) come before {@code /6/tasks/{task_id}}.
 */
@Component
public class TasksRoutes implements RouteSet {

    private static final String TASKS = "tasks-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                // schedules (covered by the task permission, as in LUNA) before the {task_type}/{task_id} routes
                route(POST, "/6/tasks/schedules", TASKS, "/1/tasks/schedules", "task", "creation"),
                route(GET, "/6/tasks/schedules", TASKS, "/1/tasks/schedules", "task", "view"),
                route(GET, "/6/tasks/schedules/count", TASKS, "/1/tasks/schedules/count", "task", "view"),
                route(GET, "/6/tasks/schedules/{schedule_id}", TASKS, "/1/tasks/schedules/{schedule_id}", "task",
                        "view"),
                route(PATCH, "/6/tasks/schedules/{schedule_id}", TASKS, "/1/tasks/schedules/{schedule_id}", "task",
                        "modification"),
                route(DELETE, "/6/tasks/schedules/{schedule_id}", TASKS, "/1/tasks/schedules/{schedule_id}", "task",
                        "deletion"),
                route(POST, "/6/tasks/{task_type}", TASKS, "/1/tasks/{task_type}", "task", "creation"),
                route(GET, "/6/tasks", TASKS, "/1/tasks", "task", "view"),
                route(GET, "/6/tasks/count", TASKS, "/1/tasks/count", "task", "view"),
                route(GET, "/6/tasks/errors", TASKS, "/1/tasks/errors", "task", "view"),
                route(GET, "/6/tasks/errors/count", TASKS, "/1/tasks/errors/count", "task", "view"),
                route(GET, "/6/tasks/errors/{error_id}", TASKS, "/1/tasks/errors/{error_id}", "task", "view"),
                route(GET, "/6/tasks/{task_id}", TASKS, "/1/tasks/{task_id}", "task", "view"),
                route(PATCH, "/6/tasks/{task_id}", TASKS, "/1/tasks/{task_id}", "task", "modification"),
                route(DELETE, "/6/tasks/{task_id}", TASKS, "/1/tasks/{task_id}", "task", "deletion"),
                route(GET, "/6/tasks/{task_id}/subtasks", TASKS, "/1/tasks/{task_id}/subtasks", "task", "view"),
                route(GET, "/6/tasks/{task_id}/errors", TASKS, "/1/tasks/{task_id}/errors", "task", "view"),
                route(GET, "/6/tasks/{task_id}/result", TASKS, "/1/tasks/{task_id}/result", "task", "view"));
    }
}
