package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine here, so docker-compose.yml is checked by reading it: every service
 * module has an entry built from the one Dockerfile, on its port, with a healthcheck on
 * {@code /healthcheck}, starting only after what it depends on is healthy; only the gateway and the
 * admin UI are published on the host (Grafana on 127.0.0.1), and no credential has a default:
 * {@code bin/compose-env} generates each into {@code .env}.
 */
class ComposeFileTest {

    private static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("api-service", 5000), Map.entry("admin-service", 5010),
            Map.entry("image-store-service", 5020), Map.entry("faces-service", 5030),
            Map.entry("events-service", 5040), Map.entry("tasks-service", 5050),
            Map.entry("configurator-service", 5070), Map.entry("sender-service", 5080),
            Map.entry("handlers-service", 5090), Map.entry("matcher-service", 5100),
            Map.entry("licenses-service", 5120), Map.entry("liveness-service", 5130),
            Map.entry("backport-service", 5140),
            Map.entry("accounts-service", 5170));

    /** Published on every interface: the gateway and the admin UI, nothing else. */
    private static final Set<String> PUBLISHED = Set.of("api-service", "admin-service");
    /** Credentials compose requires (no default) and bin/compose-env generates. */
    private static final List<String> CREDENTIALS = List.of("SELENE_INTERNAL_SECRET", "SELENE_DB_PASSWORD",
            "SELENE_S3_SECRET_KEY", "SELENE_INFLUX_PASSWORD", "SELENE_INFLUX_TOKEN", "GRAFANA_ADMIN_PASSWORD",
            "SELENE_ADMIN_PASSWORD");

    private static Map<String, Object> services() throws IOException {
        return services("docker-compose.yml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("..", file))) {
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

            if (PUBLISHED.contains(name)) {
                assertThat((List<Object>) service.get("ports")).as(name).map(String::valueOf)
                        .containsExactly(port + ":" + port);
            } else {
                assertThat(service.get("ports")).as(name + " is internal: not published").isNull();
                assertThat((List<Object>) service.get("expose")).as(name).map(String::valueOf).containsExactly(port);
            }
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
    @SuppressWarnings("unchecked")
    void onlyTheGatewayAndTheAdminUiArePublishedOnEveryInterface() throws IOException {
        Map<String, List<String>> published = new TreeMap<>();
        services().forEach((name, service) -> {
            Object ports = ((Map<String, Object>) service).get("ports");
            if (ports != null) {
                published.put(name, ((List<Object>) ports).stream().map(String::valueOf).toList());
            }
        });
        assertThat(published).containsOnlyKeys("api-service", "admin-service", "grafana");
        assertThat(published.get("grafana")).containsExactly("127.0.0.1:3000:3000");
        // The development override publishes the infrastructure, on this host only.
        services("docker-compose.dev.yml").forEach((name, service) -> {
            List<Object> ports = (List<Object>) ((Map<String, Object>) service).get("ports");
            assertThat(ports).as(name).isNotEmpty().allSatisfy(port -> assertThat(String.valueOf(port))
                    .as(name).startsWith("127.0.0.1:"));
        });
    }

    @Test
    void everyCredentialIsRequiredAndBinComposeEnvGeneratesIt() throws Exception {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        for (String credential : CREDENTIALS) {
            assertThat(compose).as(credential).contains("${" + credential + ":?")
                    .doesNotContain("${" + credential + ":-").doesNotContain("${" + credential + "}");
        }
        assertThat(compose).doesNotContainIgnoringCase("selene-dev");

        Path dir = Files.createTempDirectory("compose-env");
        Path env = dir.resolve(".env");
        Files.writeString(env, "SELENE_DB_PASSWORD=kept-as-it-was\n");
        ProcessBuilder run = new ProcessBuilder(Path.of("..", "bin", "compose-env").toAbsolutePath().toString(),
                env.toString()).redirectErrorStream(true);
        CREDENTIALS.forEach(run.environment()::remove);
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        Map<String, String> values = new TreeMap<>();
        for (String line : Files.readAllLines(env)) {
            values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        assertThat(values).containsKeys(CREDENTIALS.toArray(String[]::new));
        assertThat(values.get("SELENE_DB_PASSWORD")).isEqualTo("kept-as-it-was");
        values.forEach((name, value) -> assertThat(value).as(name).hasSizeGreaterThanOrEqualTo(14));
        assertThat(Files.getPosixFilePermissions(env)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(output).contains("admin account admin@selene.local / " + values.get("SELENE_ADMIN_PASSWORD"));
        // Run again: nothing changes.
        String before = Files.readString(env);
        Process again = run.start();
        assertThat(again.waitFor()).isZero();
        assertThat(Files.readString(env)).isEqualTo(before);
    }

    @Test
    void oneParametrisedLayeredDockerfileBuildsEveryService() throws IOException {
        String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
        assertThat(dockerfile).contains("ARG SERVICE", "extract --layers", "HEALTHCHECK", "bin/fetch-models");
        assertThat(dockerfile).contains("${SERVICE}/target/${SERVICE}-exec.jar");
    }
}
