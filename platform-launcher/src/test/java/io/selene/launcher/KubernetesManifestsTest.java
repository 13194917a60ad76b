package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No cluster runs here, so the Kustomize manifests in deploy/kubernetes are checked by reading them: every
 * file kustomization.yaml lists parses; every service module has a Deployment (the matcher a StatefulSet)
 * and a Service on its port, probes on {@code /healthcheck} at that port, resource requests and limits,
 * and the shared settings and Secret; the matcher's shards are wired to its sharding settings; the
 * Secret holds placeholders only; PostgreSQL, Redis and S3 are external (settings, no workloads).
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("..", "deploy", "kubernetes");
    private static final Pattern URL_SETTING = Pattern.compile(
            "selene\\.services\\.([a-z-]+)\\.url=\\$\\{(SELENE_[A-Z_]+_URL):");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** Every document of every resource kustomization.yaml lists, by kind and name. */
    private static Map<String, Map<String, Object>> resources() throws IOException {
        Map<String, Object> kustomization;
        try (InputStream in = Files.newInputStream(DIR.resolve("kustomization.yaml"))) {
            kustomization = new Yaml().load(in);
        }
        assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
        Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
        for (Object file : list(kustomization.get("resources"))) {
            try (InputStream in = Files.newInputStream(DIR.resolve(file.toString()))) {
                for (Object document : new Yaml().loadAll(in)) {
                    Map<String, Object> resource = map(document);
                    String key = resource.get("kind") + "/" + map(resource.get("metadata")).get("name");
                    assertThat(documents.put(key, resource)).as("%s defined once", key).isNull();
                }
            }
        }
        try (var files = Files.list(DIR)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !name.equals("kustomization.yaml")).toList())
                    .as("every manifest is listed").containsExactlyInAnyOrderElementsOf(
                            list(kustomization.get("resources")).stream().map(Object::toString).toList());
        }
        return documents;
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        List<Object> containers = list(map(map(map(workload.get("spec")).get("template")).get("spec"))
                .get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.getFirst());
    }

    @Test
    void everyServiceHasAWorkloadAndAServiceOnItsPortWithProbesAndResources() throws IOException {
        Map<String, Map<String, Object>> resources = resources();
        for (Map.Entry<String, Integer> expected : PlatformLauncher.DEFAULT_PORTS.entrySet()) {
            String name = expected.getKey();
            int port = expected.getValue();
            Map<String, Object> workload = resources.getOrDefault("Deployment/" + name,
                    resources.get("StatefulSet/" + name));
            assertThat(workload).as("Deployment or StatefulSet of %s", name).isNotNull();
            Map<String, Object> spec = map(workload.get("spec"));
            Map<String, Object> podLabels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
            assertThat(podLabels).containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));

            Map<String, Object> container = container(workload);
            assertThat(container.get("image").toString()).startsWith("selene/" + name + ":");
            assertThat(list(container.get("ports"))).map(p -> map(p).get("containerPort")).containsExactly(port);
            assertThat(list(container.get("env"))).as(name).contains(Map.of("name", "SERVER_PORT",
                    "value", String.valueOf(port)));
            assertThat(list(container.get("envFrom"))).as(name).containsExactlyInAnyOrder(
                    Map.of("configMapRef", Map.of("name", "selene-config")),
                    Map.of("secretRef", Map.of("name", "selene-secrets")));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(map(container.get(probe))).as("%s of %s", probe, name).isNotNull();
                assertThat(map(map(container.get(probe)).get("httpGet"))).as("%s of %s", probe, name)
                        .isEqualTo(Map.of("path", "/healthcheck", "port", port));
            }
            Map<String, Object> limits = map(map(container.get("resources")).get("limits"));
            Map<String, Object> requests = map(map(container.get("resources")).get("requests"));
            assertThat(requests).as(name).containsKeys("cpu", "memory");
            assertThat(limits).as(name).containsKeys("cpu", "memory");

            Map<String, Object> service = resources.get("Service/" + name);
            assertThat(service).as("Service %s", name).isNotNull();
            Map<String, Object> serviceSpec = map(service.get("spec"));
            assertThat(podLabels).containsAllEntriesOf(map(serviceSpec.get("selector")));
            assertThat(list(serviceSpec.get("ports"))).as(name).containsExactly(
                    Map.of("name", "http", "port", port, "targetPort", "http"));
            assertThat(list(container.get("ports"))).containsExactly(Map.of("name", "http", "containerPort", port));
        }
    }

    @Test
    void everyServiceUrlNamesItsServiceAndPort() throws IOException {
        Map<String, Object> config = map(resources().get("ConfigMap/selene-config").get("data"));
        String defaults = Files.readString(Path.of("..", "platform-commons", "src", "main", "resources",
                "selene-defaults.properties"));
        Matcher setting = URL_SETTING.matcher(defaults);
        List<String> services = new ArrayList<>();
        while (setting.find()) {
            String service = setting.group(1);
            services.add(service);
            assertThat(config.get(setting.group(2))).as(setting.group(2))
                    .isEqualTo("http://" + service + ":" + PlatformLauncher.DEFAULT_PORTS.get(service));
        }
        assertThat(services).containsExactlyInAnyOrderElementsOf(PlatformLauncher.DEFAULT_PORTS.keySet());
    }

    @Test
    void theMatcherIsAStatefulSetWhosePodsAreItsShards() throws IOException {
        Map<String, Map<String, Object>> resources = resources();
        Map<String, Object> matcher = resources.get("StatefulSet/matcher-service");
        Map<String, Object> spec = map(matcher.get("spec"));
        int replicas = (Integer) spec.get("replicas");
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        String headless = spec.get("serviceName").toString();
        Map<String, Object> headlessSpec = map(resources.get("Service/" + headless).get("spec"));
        assertThat(headlessSpec.get("clusterIP")).isEqualTo("None");
        assertThat(headlessSpec.get("publishNotReadyAddresses")).isEqualTo(true);

        Map<String, Object> env = new LinkedHashMap<>();
        list(container(matcher).get("env")).forEach(item -> env.put(map(item).get("name").toString(), item));
        assertThat(map(env.get("SELENE_MATCHER_SHARD")).get("valueFrom"))
                .isEqualTo(Map.of("fieldRef", Map.of("fieldPath", "metadata.name")));
        List<String> shards = List.of(map(env.get("SELENE_MATCHER_SHARDS")).get("value").toString().split(","));
        assertThat(shards).hasSize(replicas);
        for (int i = 0; i < replicas; i++) {
            assertThat(shards.get(i)).isEqualTo("matcher-service-" + i + "=http://matcher-service-" + i + "."
                    + headless + ":5100");
        }
        // the matcher's settings read those variables
        String yml = Files.readString(Path.of("..", "matcher-service", "src", "main", "resources",
                "matcher-service.yml"));
        assertThat(yml).contains("${SELENE_MATCHER_SHARDS:}", "${SELENE_MATCHER_SHARD:}");
    }

    @Test
    void theSecretHoldsPlaceholdersOnlyAndTheInfrastructureIsExternal() throws IOException {
        Map<String, Map<String, Object>> resources = resources();
        Map<String, Object> secret = map(resources.get("Secret/selene-secrets").get("stringData"));
        assertThat(secret).containsKeys("SELENE_INTERNAL_SECRET", "SELENE_ADMIN_PASSWORD", "SELENE_DB_PASSWORD",
                "SELENE_S3_SECRET_KEY");
        assertThat(secret.values()).allSatisfy(value -> assertThat(value.toString()).startsWith("CHANGE-ME"));
        assertThat(Files.readString(DIR.resolve("secret.yaml"))).contains("NO REAL SECRET IS COMMITTED");

        Map<String, Object> config = map(resources.get("ConfigMap/selene-config").get("data"));
        assertThat(config).containsKeys("SELENE_DB_HOST", "SELENE_DB_PORT", "SELENE_DB_NAME", "SELENE_DB_USER",
                "SELENE_REDIS_HOST", "SELENE_REDIS_PORT", "SELENE_S3_ENDPOINT");
        assertThat(config).doesNotContainKeys("SELENE_INTERNAL_SECRET", "SELENE_DB_PASSWORD", "SELENE_S3_SECRET_KEY");
        assertThat(config.get("SELENE_IMAGE_STORE_BACKEND")).isEqualTo("s3");
        assertThat(resources.keySet()).as("no database, cache or store runs in the manifests")
                .noneMatch(key -> key.matches("(Deployment|StatefulSet)/(postgres|redis|s3|minio).*"));
    }
}
