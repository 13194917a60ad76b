package io.selene.tasks.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.selene.tasks.engine.TaskRepository;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.ServiceConventionsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code /1/tasks/schedules} and the runner on real PostgreSQL. No workers ({@code role=api}): the runner's
 * timer does not run, the test fires due schedules itself, so every count is exact. The task is a
 * {@code roc}, whose check needs no owning service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "selene.tasks.role=api")
class ScheduleRunnerTest {

    private static final String MARKUP = "{\"labels\": [{\"id\": \"11111111-1111-4111-8111-111111111111\", \"label\": "
            + "\"a\"}, {\"id\": \"22222222-2222-4222-8222-222222222222\", \"label\": \"a\"}, {\"id\": "
            + "\"33333333-3333-4333-8333-333333333333\", \"label\": \"b\"}]}";

    @Value("${local.server.port}")
    int port;

    @Autowired
    ScheduleRunner runner;

    @Autowired
    ScheduleRepository schedules;

    @Autowired
    TaskRepository tasks;

    private final UUID owner = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();

    private HttpProbe as(UUID account) {
        return HttpProbe.internal(port, account);
    }

    private static String body(String cron, String extra) {
        return "{\"cron\": \"" + cron + "\"" + extra + ", \"task\": {\"task_type\": \"roc\", \"description\": "
                + "\"nightly roc\", \"content\": {\"objects_type\": \"faces\", \"markup\": " + MARKUP + "}}}";
    }

    private UUID create(UUID account, String cron) {
        HttpProbe.Answer created = as(account).post("/1/tasks/schedules", body(cron, ""));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).startsWith("/6/tasks/schedules/");
        return UUID.fromString(created.json().get("schedule_id").asString());
    }

    private static void refused(HttpProbe.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        ServiceConventionsTest.assertLunaError(answer, code);
    }

    @Test
    void aDueScheduleCreatesItsTaskOnceAndMovesOn() throws Exception {
        UUID id = create(owner, "* * * * * *");
        JsonNode view = as(owner).get("/1/tasks/schedules/" + id).json();
        assertThat(view.get("status").asString()).isEqualTo("running");
        assertThat(view.get("task").get("task_type").asInt()).isEqualTo(7);
        assertThat(view.get("task").get("content").get("markup").get("labels")).hasSize(3);
        OffsetDateTime next = OffsetDateTime.parse(view.get("next_run_time").asString());
        Thread.sleep(Math.max(0, next.toInstant().toEpochMilli() - System.currentTimeMillis()) + 50);
        List<Long> created = runner.fireDue().stream().filter(task -> tasks.find(task).orElseThrow().accountId()
                .equals(owner)).toList();
        assertThat(created).hasSize(1);
        TaskRepository.Task task = tasks.find(created.getFirst()).orElseThrow();
        assertThat(task.type()).isEqualTo("roc");
        assertThat(task.description()).isEqualTo("nightly roc");
        assertThat(task.content().get("markup").get("labels")).hasSize(3);
        JsonNode after = as(owner).get("/1/tasks/schedules/" + id).json();
        assertThat(after.get("last_task_id").asLong()).isEqualTo(created.getFirst());
        assertThat(after.get("tasks_created").asInt()).isEqualTo(1);
        assertThat(after.get("last_run_time").asString()).isEqualTo(view.get("next_run_time").asString());
        assertThat(OffsetDateTime.parse(after.get("next_run_time").asString())).isAfter(next);
        // the created task is the account's, like one created by POST
        assertThat(as(owner).get("/1/tasks/" + created.getFirst()).status()).isEqualTo(200);
    }

    @Test
    void runsMissedWhileDownFireOnceNotOncePerMissedTime() {
        UUID id = create(owner, "0 * * * * *"); // every minute
        // as if no instance had run for an hour: 60 fire times missed
        schedules.setNextFireTime(id, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
        assertThat(fired(id, runner.fireDue())).isEqualTo(1);
        assertThat(fired(id, runner.fireDue())).isZero();
        JsonNode view = as(owner).get("/1/tasks/schedules/" + id).json();
        assertThat(view.get("tasks_created").asInt()).isEqualTo(1);
        assertThat(OffsetDateTime.parse(view.get("next_run_time").asString())).isAfter(OffsetDateTime.now());
    }

    private long fired(UUID schedule, List<Long> created) {
        UUID account = schedules.find(schedule).orElseThrow().accountId();
        return created.stream().filter(task -> tasks.find(task).orElseThrow().accountId().equals(account)).count();
    }

    @Test
    void instancesFiringAtOnceCreateOneTaskPerFireTime() throws Exception {
        UUID account = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID id = create(account, "0 0 * * * *");
            schedules.setNextFireTime(id, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
            ids.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<List<Long>> fire = runner::fireDue;
            runs.add(pool.submit(fire));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> run : runs) {
            all.addAll(run.get());
        }
        pool.shutdown();
        List<Long> mine = all.stream().filter(task -> tasks.find(task).orElseThrow().accountId().equals(account))
                .toList();
        assertThat(mine).hasSize(30).doesNotHaveDuplicates();
        for (UUID id : ids) {
            assertThat(schedules.find(id).orElseThrow().tasksCreated()).isEqualTo(1);
        }
    }

    @Test
    void stopAndStart() {
        UUID id = create(owner, "* * * * * *");
        JsonNode stopped = as(owner).send("PATCH", "/1/tasks/schedules/" + id, "application/json",
                "{\"action\": \"stop\"}".getBytes()).json();
        assertThat(stopped.get("status").asString()).isEqualTo("stopped");
        assertThat(stopped.get("next_run_time").isNull()).isTrue();
        schedules.setNextFireTime(id, null);
        assertThat(fired(id, runner.fireDue())).isZero();
        JsonNode started = as(owner).send("PATCH", "/1/tasks/schedules/" + id, "application/json",
                "{\"action\": \"start\"}".getBytes()).json();
        assertThat(started.get("status").asString()).isEqualTo("running");
        assertThat(OffsetDateTime.parse(started.get("next_run_time").asString())).isAfter(OffsetDateTime.now()
                .minusSeconds(1));
        // created stopped: never fires until started
        HttpProbe.Answer waiting = as(owner).post("/1/tasks/schedules", body("* * * * * *", ", \"action\": \"stop\""));
        assertThat(waiting.status()).isEqualTo(201);
        UUID waitingId = UUID.fromString(waiting.json().get("schedule_id").asString());
        assertThat(as(owner).get("/1/tasks/schedules/" + waitingId).json().get("status").asString())
                .isEqualTo("stopped");
        JsonNode list = as(owner).get("/1/tasks/schedules?status=stopped").json().get("schedules");
        assertThat(list).extracting(s -> s.get("schedule_id").asString()).containsExactly(waitingId.toString());
        assertThat(as(owner).get("/1/tasks/schedules/count").json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void badSchedulesAreRefused() {
        HttpProbe.Answer cron = as(owner).post("/1/tasks/schedules", body("61 * * * *", ""));
        refused(cron, 400, 28122);
        assertThat(cron.json().get("detail").asString()).contains("61 * * * *");
        refused(as(owner).post("/1/tasks/schedules", body("every day", "")), 400, 28122);
        refused(as(owner).post("/1/tasks/schedules", body("0 3 * * *", ", \"cron_timezone\": \"Mars/Olympus\"")),
                400, 28122);
        refused(as(owner).post("/1/tasks/schedules", "{\"cron\": \"0 3 * * *\", \"task\": {\"task_type\": "
                + "\"account_erasure\", \"content\": {\"account_id\": \"" + stranger + "\"}}}"), 400, 28125);
        HttpProbe.Answer type = as(owner).post("/1/tasks/schedules", "{\"cron\": \"0 3 * * *\", \"task\": "
                + "{\"task_type\": \"nope\", \"content\": {}}}");
        refused(type, 400, 102);
        assertThat(type.json().get("detail").asString()).contains("task.task_type");
        refused(as(owner).post("/1/tasks/schedules", "{\"cron\": \"0 3 * * *\", \"task\": {\"task_type\": 7, "
                + "\"content\": {\"markup\": {\"pairs\": []}}}}"), 400, 28120);
        HttpProbe.Answer unknown = as(owner).post("/1/tasks/schedules", "{\"cron\": \"0 3 * * *\", \"when\": 1, "
                + "\"task\": {\"task_type\": 7, \"content\": {}}}");
        refused(unknown, 400, 102);
        refused(as(owner).get("/1/tasks/schedules/not-a-uuid"), 400, 101);
        assertThat(as(owner).get("/1/tasks/schedules").json().get("schedules")).isEmpty();
    }

    @Test
    void anotherAccountsScheduleIsNotFound() {
        UUID id = create(owner, "0 3 * * *");
        refused(as(stranger).get("/1/tasks/schedules/" + id), 404, 28123);
        refused(as(stranger).send("PATCH", "/1/tasks/schedules/" + id, "application/json",
                "{\"action\": \"stop\"}".getBytes()), 404, 28123);
        refused(as(stranger).send("DELETE", "/1/tasks/schedules/" + id), 404, 28123);
        assertThat(as(stranger).get("/1/tasks/schedules").json().get("schedules")).isEmpty();
        assertThat(as(owner).get("/1/tasks/schedules/" + id).json().get("status").asString()).isEqualTo("running");
        assertThat(as(owner).send("DELETE", "/1/tasks/schedules/" + id).status()).isEqualTo(204);
        refused(as(owner).get("/1/tasks/schedules/" + id), 404, 28123);
    }
}
