package io.selene.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.selene.launcher.RandomDescriptors;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.InfluxServer;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards of deploy/grafana: well-formed, on the provisioned datasource, and every query
 * names a measurement that the running platform really writes, as read back from the InfluxDB the
 * shared test platform exports to (Debian's influxd, API 1.x) after traffic through each feature.
 */
class DashboardsTest {

    private static final Path GRAFANA = Path.of("..", "deploy", "grafana");
    private static final Pattern FROM = Pattern.compile("FROM\\s+\"([^\"]+)\"");

    @Test
    void everyDashboardQueryNamesAMeasurementThePlatformWrites() throws IOException {
        Map<String, List<String>> queries = queriesByMeasurement();
        assertThat(queries.keySet()).as("the issue's panels").contains("selene_requests", "selene_requests_percentile",
                "selene_errors", "selene_vision_stage", "selene_matcher_scan", "selene_matcher_gallery_rows",
                "selene_events_stored", "selene_tasks", "selene_tasks_parts", "jvm_memory_used", "jvm_gc_pause",
                "selene_health");

        TestPlatform platform = TestPlatform.shared();
        InfluxServer influx = TestPlatform.sharedInflux().orElseThrow(() -> new AssertionError(
                "Debian's influxdb package is not installed: apt-get install influxdb (.ci/run does)"));
        driveEveryFeature(platform);

        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        Set<String> missing = new TreeSet<>(queries.keySet());
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            missing.removeAll(influx.measurements("selene"));
            sleep(500);
        }
        assertThat(missing).as("measurements the dashboards query but the platform never wrote: " + missing)
                .isEmpty();
    }

    @Test
    void dashboardsAndProvisioningAgree() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = json.readTree(file.toFile());
            assertThat(uids.add(dashboard.get("uid").asString())).as(file + " uid unique").isTrue();
            assertThat(dashboard.get("title").asString()).startsWith("Selene");
            assertThat(dashboard.get("panels")).as(file.toString()).isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(ids.add(panel.get("id").asInt())).as(file + " panel id unique").isTrue();
                assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("selene-influxdb");
                assertThat(panel.get("gridPos").get("w").asInt()).isBetween(1, 24);
                assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
            }
        }
        Map<String, Object> datasources = new Yaml().load(
                Files.readString(GRAFANA.resolve("provisioning/datasources/influxdb.yml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        assertThat(datasource.get("uid")).isEqualTo("selene-influxdb");
        assertThat(datasource.get("type")).isEqualTo("influxdb");
        @SuppressWarnings("unchecked")
        Map<String, Object> jsonData = (Map<String, Object>) datasource.get("jsonData");
        assertThat(jsonData).as("InfluxQL (no Flux): the same queries run on InfluxDB 1.6 and 2")
                .containsKey("dbName").doesNotContainKey("version");
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        assertThat(compose).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(Files.readString(GRAFANA.resolve("provisioning/dashboards/dashboards.yml")))
                .contains("path: /var/lib/grafana/dashboards");
    }

    /** Traffic through every feature whose meters appear only when used. */
    private static void driveEveryFeature(TestPlatform platform) {
        UUID account = UUID.randomUUID();
        Random random = new Random(7);
        String reference = RandomDescriptors.item("r", random);
        HttpProbe.Answer match = HttpProbe.internal(platform.port("matcher-service"), account).post("/1/matcher/raw",
                "{\"references\": [" + reference + "], \"candidates\": [" + RandomDescriptors.item("c", random) + "]}");
        assertThat(match.status()).as(match.toString()).isEqualTo(200);
        HttpProbe.Answer sdk = HttpProbe.internal(platform.port("handlers-service"), account)
                .post("/1/sdk", "image/jpeg", TestPhotos.sample(1));
        assertThat(sdk.status()).as(sdk.toString()).isEqualTo(200);
        HttpProbe.Answer event = HttpProbe.internal(platform.port("events-service"), account)
                .post("/2/events", "{\"events\": [{\"handler_id\": \"" + UUID.randomUUID() + "\"}]}");
        assertThat(event.status()).as(event.toString()).isEqualTo(201);
        assertThat(platform.api().get("/6/faces").status()).as("an error, for selene_errors").isEqualTo(401);
    }

    /** Every measurement the dashboards read, with the queries that read it; a query naming none fails. */
    private static Map<String, List<String>> queriesByMeasurement() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, List<String>> byMeasurement = new java.util.TreeMap<>();
        int queries = 0;
        for (Path file : dashboards()) {
            List<JsonNode> all = new ArrayList<>();
            json.readTree(file.toFile()).get("panels").forEach(panel -> panel.get("targets").forEach(all::add));
            json.readTree(file.toFile()).path("templating").path("list").forEach(all::add);
            for (JsonNode target : all) {
                String query = target.get("query").asString();
                Matcher from = FROM.matcher(query);
                boolean named = false;
                while (from.find()) {
                    byMeasurement.computeIfAbsent(from.group(1), m -> new ArrayList<>()).add(query);
                    named = true;
                }
                assertThat(named).as(file + ": a query that names no measurement: " + query).isTrue();
                queries++;
            }
        }
        assertThat(queries).isGreaterThan(20);
        return byMeasurement;
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(json).hasSizeGreaterThanOrEqualTo(3);
            return json;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
