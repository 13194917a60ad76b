package io.selene.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 201 means committed: faces-service runs as a separate process on a fresh database, four
 * clients create faces (each with an Idempotency-Key), the process gets SIGKILL in the middle of the
 * batch, and after a restart every face whose create answered 201 is there. Retrying the creates
 * that got no answer, with their keys, then leaves exactly one face per request.
 */
class KillNineDurabilityTest extends FacesTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyCreateThatAnswered201SurvivesAKill9() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String database = "selene_kill9_" + Long.toHexString(System.nanoTime());
        try (Connection connection = infrastructure.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        UUID account = UUID.randomUUID();
        String base = "http://127.0.0.1:" + port;
        Path log = Files.createTempFile("faces-kill9-", ".log");
        Process service = start(infrastructure, database, port, log);
        try {
            awaitHealthy(base, service, log);
            Map<String, UUID> acknowledged = new ConcurrentHashMap<>();
            Map<String, String> bodies = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger failures = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                futures.add(clients.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        String key = "k9-" + client + "-" + i;
                        String body = faceBody("\"external_id\":\"" + key + "\"");
                        bodies.put(key, body);
                        try {
                            HttpResponse<String> answer = create(base, account, key, body);
                            if (answer.statusCode() == 201) {
                                acknowledged.put(key, UUID.fromString(JSON.readTree(answer.body()).get("face_id")
                                        .asString()));
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet(); // the kill: no answer for this one
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acknowledged.size() < 150 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            service.destroyForcibly(); // SIGKILL on Linux, as kill -9
            service.waitFor();
            Thread.sleep(300);
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
            clients.shutdown();
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(50);
            System.out.printf("kill -9 after %d creates answered 201; %d requests got no answer%n",
                    acknowledged.size(), failures.get());

            service = start(infrastructure, database, port, log);
            awaitHealthy(base, service, log);
            for (Map.Entry<String, UUID> entry : acknowledged.entrySet()) {
                HttpResponse<String> face = get(base, account, "/3/faces/" + entry.getValue());
                assertThat(face.statusCode()).as("face of acknowledged create %s", entry.getKey()).isEqualTo(200);
                assertThat(JSON.readTree(face.body()).get("external_id").asString()).isEqualTo(entry.getKey());
            }
            // retry every request with its key: acknowledged ones replay, lost ones are created once
            for (Map.Entry<String, String> entry : bodies.entrySet()) {
                HttpResponse<String> retry = create(base, account, entry.getKey(), entry.getValue());
                assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
                UUID first = acknowledged.get(entry.getKey());
                if (first != null) {
                    assertThat(JSON.readTree(retry.body()).get("face_id").asString()).isEqualTo(first.toString());
                }
            }
            JsonNode count = JSON.readTree(get(base, account, "/3/faces/count").body());
            assertThat(count.get("faces_count").asInt()).isEqualTo(bodies.size());
        } finally {
            service.destroyForcibly();
            service.waitFor();
            try (Connection connection = infrastructure.connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static Process start(TestInfrastructure infrastructure, String database, int port, Path log)
            throws Exception {
        URI jdbc = URI.create(infrastructure.jdbcUrl().substring("jdbc:".length()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), FacesServiceApplication.class.getName());
        Map<String, String> env = builder.environment();
        env.put("SELENE_DB_HOST", jdbc.getHost());
        env.put("SELENE_DB_PORT", String.valueOf(jdbc.getPort()));
        env.put("SELENE_DB_NAME", database);
        env.put("SELENE_INTERNAL_SECRET", infrastructure.internalSecret());
        env.put("SELENE_REDIS_KEY_PREFIX", "selene-kill9-" + database + ":");
        env.put("SERVER_PORT", String.valueOf(port));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    private void awaitHealthy(String base, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("faces-service exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthcheck"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("faces-service did not become healthy; log " + log + File.separator);
    }

    private HttpResponse<String> create(String base, UUID account, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/3/faces")).timeout(Duration.ofSeconds(10))
                .header("X-Selene-Internal-Secret", TestInfrastructure.get().internalSecret())
                .header("X-Selene-Account-Id", account.toString()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String base, UUID account, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("X-Selene-Internal-Secret", TestInfrastructure.get().internalSecret())
                .header("X-Selene-Account-Id", account.toString()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
