package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine here, so docker-compose.yml is checked by reading it: every service
 * module has an entry built from the one Dockerfile, on its port, with a healthcheck on
 * {@code /healthcheck}, starting only after what it depends on is healthy.
 */
class ComposeFileTest {

    private static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("api-service", 5000), Map.entry("admin-service", 5010),
            Map.entry("image-store-service", 5020), Map.entry("faces-service", 5030),
            Map.entry("events-service", 5040), Map.entry("tasks-service", 5050),
            Map.entry("configurator-service", 5070), Map.entry("sender-service", 5080),
            Map.entry("handlers-service", 5090), Map.entry("matcher-service", 5100),
            Map.entry("licenses-service", 5120), Map.entry("liveness-service", 5130),
            Map.entry("accounts-service", 5170));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("..", "docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Object>) compose.get("services");
        }
    }

    @Test
    void portTableMatchesTheServicesThemselves() throws IOException {
        assertThat(PORTS.keySet()).containsExactlyInAnyOrderElementsOf(
                PlatformLauncher.SERVICES.stream().map(PlatformLauncher::serviceName).toList());
        for (Map.Entry<String, Integer> service : PORTS.entrySet()) {
            String yml = Files.readString(Path.of("..", service.getKey(), "src/main/resources",
                    service.getKey() + ".yml"));
            assertThat(yml).as(service.getKey()).contains("port: ${SERVER_PORT:" + service.getValue() + "}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceModuleHasAnEntryWithItsPortAndHealthcheck() throws IOException {
        Map<String, Object> services = services();
        for (Map.Entry<String, Integer> expected : PORTS.entrySet()) {
            String name = expected.getKey();
            String port = String.valueOf(expected.getValue());
            Map<String, Object> service = (Map<String, Object>) services.get(name);
            assertThat(service).as(name).isNotNull();

            assertThat((List<Object>) service.get("ports")).as(name).map(String::valueOf).contains(port + ":" + port);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(((Map<String, Object>) build.get("args")).get("SERVICE")).as(name).isEqualTo(name);
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(String.valueOf(environment.get("SERVER_PORT"))).as(name).isEqualTo(port);

            String healthcheck = String.valueOf(((Map<String, Object>) service.get("healthcheck")).get("test"));
            assertThat(healthcheck).as(name).contains("127.0.0.1:" + port + "/healthcheck");

            Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
            assertThat(dependsOn).as(name).isNotEmpty();
            dependsOn.values().forEach(condition -> assertThat(((Map<String, Object>) condition).get("condition"))
                    .as(name).isEqualTo("service_healthy"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void infrastructureIsThereWithHealthchecks() throws IOException {
        Map<String, Object> services = services();
        for (String infrastructure : List.of("postgres", "redis", "s3", "influxdb", "grafana")) {
            Map<String, Object> service = (Map<String, Object>) services.get(infrastructure);
            assertThat(service).as(infrastructure).isNotNull();
            assertThat(service.get("healthcheck")).as(infrastructure).isNotNull();
        }
        Map<String, Object> faces = (Map<String, Object>) services.get("faces-service");
        assertThat(((Map<String, Object>) faces.get("depends_on")).keySet()).contains("postgres", "redis");
        assertThat(services).hasSize(PORTS.size() + 5);
    }

    @Test
    void oneParametrisedLayeredDockerfileBuildsEveryService() throws IOException {
        String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
        assertThat(dockerfile).contains("ARG SERVICE", "extract --layers", "HEALTHCHECK", "bin/fetch-models");
        assertThat(dockerfile).contains("${SERVICE}/target/${SERVICE}-exec.jar");
    }
}
