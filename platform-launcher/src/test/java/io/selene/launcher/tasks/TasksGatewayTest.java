package io.selene.launcher.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.selene.api.routing.RouteMatch;
import io.selene.api.routing.RoutingTable;
import io.selene.launcher.TestPlatform;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.engine.TaskTypes;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;

/**
 * The gateway and the registry of task types agree: every type tasks-service registers is created through
 * {@code POST /6/tasks/<name>} (one route for all), is in tasks-service's {@code /docs/spec}, and a name
 * that is no type is a 404 like any unknown route. A new task type is one class: nothing here changes.
 */
class TasksGatewayTest {

    private final TestPlatform platform = TestPlatform.shared();

    @Test
    void everyRegisteredTaskTypeIsReachableThroughTheGateway() {
        RoutingTable table = platform.bean("api-service", RoutingTable.class);
        String spec = HttpProbe.onPort(platform.port("tasks-service")).get("/docs/spec").text();
        TaskTypes types = platform.bean("tasks-service", TaskTypes.class);
        assertThat(types.all()).extracting(TaskType::name).contains("gc", "linker", "exporter", "reporter",
                "additional_extract", "estimator", "clustering", "cross_match", "roc");
        for (TaskType type : types.all()) {
            RouteMatch match = table.match("POST", "/6/tasks/" + type.name());
            assertThat(match.route().service()).isEqualTo("tasks-service");
            assertThat(match.internalPath()).isEqualTo("/1/tasks/" + type.name());
            assertThat(match.route().permission().object()).isEqualTo("task");
            assertThat(match.route().permission().action()).isEqualTo("creation");
            assertThat(spec).contains("/1/tasks/" + type.name());
        }
        // the literal schedules routes come before the {task_type} / {task_id} ones
        RouteMatch schedules = table.match("POST", "/6/tasks/schedules");
        assertThat(schedules.internalPath()).isEqualTo("/1/tasks/schedules");
        assertThat(schedules.route().permission().action()).isEqualTo("creation");
        assertThat(table.match("GET", "/6/tasks/schedules").internalPath()).isEqualTo("/1/tasks/schedules");
        String id = java.util.UUID.randomUUID().toString();
        assertThat(table.match("PATCH", "/6/tasks/schedules/" + id).route().permission().action())
                .isEqualTo("modification");
        assertThat(table.match("DELETE", "/6/tasks/schedules/" + id).internalPath())
                .isEqualTo("/1/tasks/schedules/" + id);
        HttpProbe.Answer unknown = platform.newAccount().api().post("/6/tasks/not_a_type", "{\"content\": {}}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error_code").asInt()).isEqualTo(106);
    }
}
