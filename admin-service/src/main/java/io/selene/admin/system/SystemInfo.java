package io.selene.admin.system;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.selene.commons.PlatformSettings;
import io.selene.commons.client.FanOut;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.LunaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state of the platform as an admin sees it: every configured service's {@code /healthcheck} and
 * {@code /version} (asked at once, each bounded by a short timeout), this service's uptime, the size of
 * each database schema (PostgreSQL's catalogue sizes only: no service's rows are read), Image Store's
 * buckets with their images, objects and bytes, and the licence in force.
 */
@Component
public class SystemInfo {

    private static final Logger log = LoggerFactory.getLogger(SystemInfo.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** A probe is two calls (version, health) of at most PROBE_TIMEOUT each. */
    private static final Duration FAN_OUT_DEADLINE = PROBE_TIMEOUT.multipliedBy(2).plusSeconds(1);

    /** One service: healthy when {@code /healthcheck} answered 200. */
    public record ServiceState(String name, String url, boolean healthy, String health, String version) {
    }

    public record SchemaSize(String schema, long bytes) {
    }

    /**
     * One service's request meters per route ({@code GET /1/metrics/requests} of that service): maps with
     * {@code route, count, errors, mean_ms, max_ms, p99_ms}; {@code error} says why there are none.
     */
    public record ServiceRequests(String service, List<Map<String, Object>> routes, String error) {
    }

    public record Snapshot(List<ServiceState> services, long uptimeSeconds, List<SchemaSize> schemas,
            List<Map<String, Object>> buckets, String bucketsError, Map<String, Object> license, String licenseError,
            List<ServiceRequests> requests) {

        public long healthyCount() {
            return services.stream().filter(ServiceState::healthy).count();
        }
    }

    private final PlatformSettings settings;
    private final Environment environment;
    private final RestClient imageStore;
    private final RestClient licenses;
    private final JsonMapper json;
    private final HttpClient http;
    private final InternalClients clients;

    public SystemInfo(PlatformSettings settings, Environment environment, InternalClients clients, JsonMapper json) {
        this.settings = settings;
        this.clients = clients;
        this.environment = environment;
        this.imageStore = clients.restClient("image-store-service");
        this.licenses = clients.restClient("licenses-service");
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Snapshot snapshot() {
        List<ServiceState> services;
        List<ServiceRequests> requests;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<ServiceRequests>> asked = pool.submit(this::allRequests);
            services = services();
            requests = asked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Service probes interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Service probes failed", e.getCause());
        }
        List<Map<String, Object>> buckets = List.of();
        String bucketsError = null;
        try {
            buckets = imageStore.get().uri("/1/buckets").retrieve().body(JsonNode.class).path("buckets")
                    .valueStream().map(JsonNode::asString).map(this::bucketUsage).toList();
        } catch (LunaException | RestClientException e) {
            bucketsError = "Image Store did not answer: " + e.getMessage();
        }
        Map<String, Object> license = null;
        String licenseError = null;
        try {
            license = json.convertValue(licenses.get().uri("/1/license").retrieve().body(JsonNode.class), Map.class);
        } catch (LunaException | RestClientException e) {
            licenseError = "no licence service (" + e.getMessage() + ")";
        }
        return new Snapshot(services, ManagementFactory.getRuntimeMXBean().getUptime() / 1000, schemaSizes(),
                buckets, bucketsError, license, licenseError, requests);
    }

    /** Every service's request meters, asked at once (internal calls with the shared secret). */
    private List<ServiceRequests> allRequests() {
        FanOut.Answers<String, ServiceRequests> answers = FanOut.ask(settings.services().keySet(), this::requests,
                FAN_OUT_DEADLINE);
        List<ServiceRequests> all = new ArrayList<>(answers.answered().values());
        answers.failed().forEach((name, why) -> all.add(new ServiceRequests(name, List.of(),
                "no request metrics (" + why + ")")));
        all.sort(java.util.Comparator.comparing(ServiceRequests::service));
        return all;
    }

    @SuppressWarnings("unchecked")
    private ServiceRequests requests(String service) {
        try {
            JsonNode answer = clients.restClient(service).get().uri("/1/metrics/requests").retrieve().body(JsonNode.class);
            List<Map<String, Object>> routes = answer.path("routes").valueStream()
                    .map(route -> (Map<String, Object>) json.convertValue(route, Map.class)).toList();
            return new ServiceRequests(service, routes, null);
        } catch (LunaException | RestClientException | IllegalArgumentException e) {
            return new ServiceRequests(service, List.of(), "no request metrics (" + e.getMessage() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> bucketUsage(String bucket) {
        return json.convertValue(imageStore.get().uri("/1/buckets/{bucket}/usage", bucket).retrieve()
                .body(JsonNode.class), Map.class);
    }

    private List<ServiceState> services() {
        FanOut.Answers<String, ServiceState> answers = FanOut.ask(settings.services().keySet(),
                name -> probe(name, settings.services().get(name).url()), FAN_OUT_DEADLINE);
        List<ServiceState> states = new ArrayList<>(answers.answered().values());
        answers.failed().forEach((name, why) -> states.add(new ServiceState(name, settings.services().get(name).url(),
                false, "no answer in " + FAN_OUT_DEADLINE.toSeconds() + " s", "?")));
        states.sort(java.util.Comparator.comparing(ServiceState::name));
        return states;
    }

    private ServiceState probe(String name, String url) {
        String version = "?";
        try {
            HttpResponse<String> answer = get(url + "/version");
            JsonNode v = json.readTree(answer.body()).path("Version");
            if (answer.statusCode() == 200 && v.has("major")) {
                version = v.path("major").asInt() + "." + v.path("minor").asInt() + "." + v.path("patch").asInt()
                        + " (API " + v.path("api").asInt() + ")";
            }
            HttpResponse<String> health = get(url + "/healthcheck");
            boolean healthy = health.statusCode() == 200;
            return new ServiceState(name, url, healthy, healthy ? "healthy" : "unhealthy (" + health.statusCode()
                    + "): " + health.body(), version);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new ServiceState(name, url, false, "unreachable (" + e.getClass().getSimpleName() + ")", version);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Total size (tables, indexes, TOAST) per schema of the platform's database, largest first. */
    private List<SchemaSize> schemaSizes() {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null) {
            return List.of();
        }
        try (Connection connection = DriverManager.getConnection(url,
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n.nspname, sum(pg_total_relation_size(c.oid))::bigint "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') "
                        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                        + "GROUP BY n.nspname ORDER BY 2 DESC, 1")) {
            List<SchemaSize> sizes = new ArrayList<>();
            while (rows.next()) {
                sizes.add(new SchemaSize(rows.getString(1), rows.getLong(2)));
            }
            return sizes;
        } catch (SQLException e) {
            log.warn("Could not read the schema sizes: {}", e.getMessage());
            return List.of();
        }
    }

    /** The snapshot as the API answers it. */
    public static Map<String, Object> view(Snapshot snapshot) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("services", snapshot.services().stream().map(s -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", s.name());
            one.put("healthy", s.healthy());
            one.put("health", s.health());
            one.put("version", s.version());
            return one;
        }).toList());
        answer.put("healthy_services", snapshot.healthyCount());
        answer.put("uptime_seconds", snapshot.uptimeSeconds());
        answer.put("schemas", snapshot.schemas().stream()
                .map(s -> Map.of("schema", s.schema(), "size_bytes", s.bytes())).toList());
        answer.put("buckets", snapshot.buckets());
        answer.put("license", snapshot.license() == null ? snapshot.licenseError() : snapshot.license());
        answer.put("requests", snapshot.requests().stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("service", r.service());
            one.put("routes", r.routes());
            if (r.error() != null) {
                one.put("error", r.error());
            }
            return one;
        }).toList());
        return answer;
    }
}
