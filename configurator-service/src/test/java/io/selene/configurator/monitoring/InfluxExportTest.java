package io.selene.configurator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.InfluxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Metrics export switched on against a real InfluxDB (Debian's influxd 1.6.7, HTTP API 1.x, started by
 * this test on a free port): requests sent to the service are read back from InfluxDB by InfluxQL,
 * under the measurement names the Grafana dashboards query.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InfluxExportTest {

    private static final String DB = "selene_metrics_test";
    private static final InfluxServer INFLUX = InfluxServer.start();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void exportToInflux(DynamicPropertyRegistry registry) {
        registry.add("management.influx.metrics.export.enabled", () -> "true");
        registry.add("management.influx.metrics.export.api-version", () -> "v1");
        registry.add("management.influx.metrics.export.uri", INFLUX::uri);
        registry.add("management.influx.metrics.export.db", () -> DB);
        registry.add("management.influx.metrics.export.step", () -> "1s");
    }

    @AfterAll
    static void stopInflux() {
        INFLUX.close();
    }

    @Test
    void requestsErrorsPercentilesJvmAndHealthReachInfluxDb() {
        HttpProbe api = HttpProbe.internal(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/1/limitations").status()).isEqualTo(200);
        }
        assertThat(api.get("/1/settings/6a0c4f2e-95f6-4d5c-9a57-0d3a2b7f1c11").status()).isEqualTo(404);

        JsonNode requests = await(() -> INFLUX.query(DB, "SELECT sum(\"count\") FROM \"selene_requests\" WHERE "
                + "\"route\" = 'GET:/1/limitations' AND \"service\" = 'configurator-service' AND \"status\" = '200'"),
                result -> sum(result) >= 3);
        assertThat(sum(requests)).isEqualTo(3);

        JsonNode errors = await(() -> INFLUX.query(DB, "SELECT sum(\"value\") FROM \"selene_errors\" WHERE "
                + "\"route\" = 'GET:/1/settings/{setting_id}' AND \"error_code\" = '21001' AND \"status\" = '404'"),
                result -> sum(result) >= 1);
        assertThat(sum(errors)).isEqualTo(1);

        // A step registry's percentiles cover one step (1 s here): under load the export can fall after the
        // window has rotated past the three requests above, so each look sends one more.
        JsonNode p99 = await(() -> {
            assertThat(api.get("/1/limitations").status()).isEqualTo(200);
            return INFLUX.query(DB, "SELECT max(\"value\") FROM \"selene_requests_percentile\" "
                    + "WHERE \"route\" = 'GET:/1/limitations' AND \"phi\" = '0.99'");
        }, result -> sum(result) > 0);
        assertThat(sum(p99)).as("p99 in milliseconds (the Influx registry's time unit)").isLessThan(10_000);

        JsonNode postgres = await(() -> INFLUX.query(DB, "SELECT last(\"value\") FROM \"selene_health\" WHERE "
                + "\"check\" = 'postgres' AND \"service\" = 'configurator-service'"), result -> sum(result) == 1);
        assertThat(sum(postgres)).isEqualTo(1);

        await(() -> INFLUX.query(DB, "SHOW MEASUREMENTS"), result -> result.toString().contains("jvm_memory_used"));
        assertThat(INFLUX.measurements(DB)).contains("selene_requests", "selene_requests_percentile", "selene_errors",
                "selene_health", "selene_health_time", "jvm_memory_used", "jvm_threads_live", "hikaricp_connections_active",
                "process_cpu_usage");
    }

    private static double sum(JsonNode result) {
        double total = 0;
        for (JsonNode series : result.path("series")) {
            for (JsonNode row : series.path("values")) {
                total += row.get(1).isNumber() ? row.get(1).asDouble() : 0;
            }
        }
        return total;
    }

    private static JsonNode await(Supplier<JsonNode> query, java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = query.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("InfluxDB never answered as expected; last answer: " + last);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = query.get();
        }
        return last;
    }
}
