package io.selene.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real InfluxDB for a test: Debian's {@code influxd} (package {@code influxdb}, 1.6.7 on bookworm,
 * HTTP API 1.x), started on free ports with its data in a temporary folder, stopped and deleted by
 * {@link #close()}. {@code .ci/run} installs the package; without it the test fails and says how to
 * install it.
 */
public final class InfluxServer implements AutoCloseable {

    private static final String INFLUXD = "/usr/bin/influxd";

    private final Path dir;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private InfluxServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Whether Debian's influxd is installed here. */
    public static boolean installed() {
        return Files.isExecutable(Path.of(INFLUXD));
    }

    public static InfluxServer start() {
        if (!installed()) {
            throw new IllegalStateException(INFLUXD + " not found: install Debian's influxdb package "
                    + "(apt-get install influxdb; .ci/run does)");
        }
        try {
            Path dir = Files.createTempDirectory("selene-influx-");
            int port = ServerProcesses.freePort();
            String config = """
                    reporting-disabled = true
                    bind-address = "127.0.0.1:%d"
                    [meta]
                      dir = "%s/meta"
                    [data]
                      dir = "%s/data"
                      wal-dir = "%s/wal"
                      query-log-enabled = false
                    [http]
                      enabled = true
                      bind-address = "127.0.0.1:%d"
                      auth-enabled = false
                      log-enabled = false
                    [monitor]
                      store-enabled = false
                    [continuous_queries]
                      enabled = false
                    [subscriber]
                      enabled = false
                    """.formatted(ServerProcesses.freePort(), dir, dir, dir, port);
            Path file = dir.resolve("influxdb.conf");
            Files.writeString(file, config);
            Process process = new ProcessBuilder(INFLUXD, "run", "-config", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
            InfluxServer server = new InfluxServer(dir, process, port);
            server.awaitPing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd stopped: " + log());
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(URI.create(uri() + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 204) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ServerProcesses.sleep(100);
        }
        close();
        throw new IllegalStateException("influxd did not answer /ping within 30 s");
    }

    /** An InfluxQL query's first result: each series with its name, tags, columns and values. */
    public JsonNode query(String database, String influxQl) {
        String url = uri() + "/query?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body()).path("results").path(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The measurements of a database. */
    public List<String> measurements(String database) {
        List<String> names = new ArrayList<>();
        for (JsonNode series : query(database, "SHOW MEASUREMENTS").path("series")) {
            series.path("values").forEach(row -> names.add(row.get(0).asString()));
        }
        return names;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("influxd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        ServerProcesses.stop(process, dir);
    }
}
