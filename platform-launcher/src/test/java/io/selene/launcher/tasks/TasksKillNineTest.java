package io.selene.launcher.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.events.EventsServiceApplication;
import io.selene.faces.FacesServiceApplication;
import io.selene.imagestore.ImageStoreServiceApplication;
import io.selene.launcher.PlatformLauncher;
import io.selene.launcher.TestPlatform;
import io.selene.tasks.TasksServiceApplication;
import io.selene.tasks.engine.WorkerPool;
import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kill -9 drill. The platform runs in this JVM with tasks-service serving the API only
 * ({@code role=api}); the work is done by an extra worker instance, a separate JVM started from the built
 * {@code tasks-service-exec.jar} with {@code SELENE_TASKS_ROLE=worker} (a lease of 3 s). A linker task over
 * 20,000 faces (subtasks of 500) is created through {@code /6}; once several subtasks are done and some are
 * running, the worker gets SIGKILL. A second worker JVM is started; the subtasks the dead one held are claimed
 * again when their leases run out, and the task completes. The result must name every face exactly once
 * (counted against the faces stored), the list must hold 20,000 faces, and the reclaimed subtasks show more
 * than one attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksKillNineTest {

    private static final int FACES = 20_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestPlatform platform;
    private final List<Process> workers = new ArrayList<>();
    private WorkerPool pausedSharedWorkers;

    @BeforeAll
    void start() {
        // The shared platform (when an earlier class started it in this JVM) has task workers polling the same
        // database: they would claim the drill's subtasks too, and a merge they ran would store the result in
        // the shared platform's Image Store (seen: 28017 here). Paused while the drill runs.
        TestPlatform.sharedIfStarted().filter(shared -> shared.services().contains("tasks-service"))
                .ifPresent(shared -> {
                    pausedSharedWorkers = shared.bean("tasks-service", WorkerPool.class);
                    pausedSharedWorkers.stop();
                });
        platform = TestPlatform.start("kill9", List.of(AccountsServiceApplication.class,
                ImageStoreServiceApplication.class, FacesServiceApplication.class, EventsServiceApplication.class,
                TasksServiceApplication.class, ApiServiceApplication.class), "--selene.tasks.role=api");
    }

    @AfterAll
    void stop() {
        workers.forEach(Process::destroyForcibly);
        platform.close();
        if (pausedSharedWorkers != null) {
            pausedSharedWorkers.start();
        }
    }

    /** A worker instance: the service's jar (the classpath when the jar was not packaged), as its own JVM. */
    private Process worker(int n) throws Exception {
        Path log = Path.of("target", "tasks-kill9-worker-" + n + ".log");
        Files.deleteIfExists(log);
        Path jar = Path.of("..", "tasks-service", "target", "tasks-service-exec.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx384m"));
        if (Files.isRegularFile(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), TasksServiceApplication.class.getName()));
        }
        TestInfrastructure.get().springProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
        for (Class<?> service : PlatformLauncher.SERVICES) {
            String name = PlatformLauncher.serviceName(service);
            command.add("--selene.services." + name + ".url=http://127.0.0.1:" + platform.port(name));
        }
        command.addAll(List.of("--server.port=0", "--selene.tasks.workers=2", "--selene.tasks.lease=3s",
                "--selene.tasks.heartbeat=500ms", "--selene.tasks.objects-per-subtask=500"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SELENE_TASKS_ROLE", "worker");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        workers.add(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.readString(log).contains("Task workers started")) {
            assertThat(process.isAlive()).as("worker exited: " + log.toAbsolutePath()).isTrue();
            assertThat(System.nanoTime()).as("worker did not start; log " + log.toAbsolutePath()).isLessThan(deadline);
            Thread.sleep(200);
        }
        return process;
    }

    @Test
    void aWorkerKilledMidTaskLeavesEveryFaceProcessedExactlyOnce() throws Exception {
        TestPlatform.Account account = platform.newAccount();
        Set<String> seeded = new HashSet<>();
        try (Connection db = TestInfrastructure.get().connect()) {
            // Seeded in one statement (20,000 creates through HTTP would take minutes on this machine).
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO faces.face (face_id, account_id, user_data, create_time)
                    SELECT gen_random_uuid(), ?, 'kill9-drill', clock_timestamp() FROM generate_series(1, ?)
                    RETURNING face_id""")) {
                insert.setObject(1, account.id());
                insert.setInt(2, FACES);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        seeded.add(rows.getString(1));
                    }
                }
            }
        }
        assertThat(seeded).hasSize(FACES);

        Process first = worker(1);
        long task = TaskProbes.create(account.api(), "linker", "{\"description\": \"kill -9 drill\", \"content\": "
                + "{\"objects_type\": \"faces\", \"filters\": {\"user_data\": \"kill9-drill\"}, \"create_list\": 1}}");

        // Kill once several parts are done and some are running.
        JsonNode atKill = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode view = account.api().get("/6/tasks/" + task).json();
            JsonNode subtasks = account.api().get("/6/tasks/" + task + "/subtasks?page_size=100").json().get("subtasks");
            int running = 0;
            for (JsonNode subtask : subtasks) {
                running += subtask.get("status").asInt() == 1 ? 1 : 0;
            }
            if (view.get("count_task_parts_done").asInt() >= 4 && running > 0) {
                first.destroyForcibly(); // SIGKILL
                first.waitFor();
                atKill = account.api().get("/6/tasks/" + task).json();
                break;
            }
            Thread.sleep(20);
        }
        assertThat(atKill).as("the task never had finished and running parts at once").isNotNull();
        int partsAll = atKill.get("count_task_parts_all").asInt();
        assertThat(partsAll).isEqualTo(FACES / 500);
        assertThat(atKill.get("count_task_parts_done").asInt()).isLessThan(partsAll);
        assertThat(atKill.get("task_status").asInt()).isEqualTo(1);

        worker(2);
        // On a loaded 2-core machine the rest can take minutes: wait as long as parts keep finishing.
        JsonNode done = TaskProbes.awaitProgressing(account.api(), task, Duration.ofSeconds(90));
        assertThat(done.get("task_status").asInt()).as(done.toString()).isEqualTo(5);
        assertThat(done.get("count_task_parts_done").asInt()).isEqualTo(partsAll);

        JsonNode result = JSON.readTree(TaskProbes.result(account.api(), task).body());
        List<String> linked = new ArrayList<>();
        result.get("faces").forEach(face -> linked.add(face.asString()));
        assertThat(linked).as("faces in the result").hasSize(FACES).doesNotHaveDuplicates();
        assertThat(new HashSet<>(linked)).isEqualTo(seeded);
        assertThat(account.api().get("/6/lists/" + result.get("list_id").asString()).json().get("face_count").asInt())
                .isEqualTo(FACES);
        int reclaimed = 0;
        for (JsonNode subtask : account.api().get("/6/tasks/" + task + "/subtasks?page_size=100").json()
                .get("subtasks")) {
            assertThat(subtask.get("status").asInt()).isEqualTo(5);
            reclaimed += subtask.get("attempts").asInt() > 1 ? 1 : 0;
        }
        assertThat(reclaimed).as("subtasks claimed again after the kill").isPositive();
    }
}
