package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.api.routing.PublicRoute;
import io.selene.api.routing.RoutingTable;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.InfluxServer;
import io.selene.testsupport.S3ProxyServer;
import io.selene.testsupport.TestInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Selene services started in this JVM for a whole-platform test, as {@code bin/platform up} runs them:
 * each on a free port (every service gets one, started or not, so no call reaches a platform on the
 * default ports), on this test run's database and Redis prefix, with an image store under
 * {@code target/<name>-image-store} and the admin {@code root@<name>.test}; bcrypt strength 4 keeps
 * Basic logins fast. Accounts are made through {@code /6/accounts} as a LUNA client would.
 */
public final class TestPlatform implements AutoCloseable {

    private static TestPlatform shared;
    /** The shared platform's metrics database (Debian's influxd, API 1.x), when influxd is installed. */
    private static InfluxServer sharedInflux;
    /** The port the shared platform's tasks may read S3 on, and its S3Proxy once a test asked for it. */
    private static int sharedS3Port;
    private static S3ProxyServer sharedS3;
    static final String METRICS_DB = "selene";

    private final String name;
    private final List<String> extraArgs;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<RunningPlatform> running = new ArrayList<>();

    /** A user account made through {@code /6/accounts}, and {@code /6} called as it with Basic auth. */
    public record Account(UUID id, String login, String password, HttpProbe api) {
    }

    private TestPlatform(String name, String... extraArgs) {
        this.name = name;
        this.extraArgs = List.of(extraArgs);
        for (Class<?> service : PlatformLauncher.SERVICES) {
            ports.put(PlatformLauncher.serviceName(service), freePort());
        }
    }

    /**
     * Starts the services, two at a time. {@code extraArgs} go to every service (each binds only its
     * own {@code selene.<service>.*} settings).
     */
    public static TestPlatform start(String name, List<Class<?>> services, String... extraArgs) {
        PlatformLauncher.useSingleLoggingConfiguration();
        TestPlatform platform = new TestPlatform(name, extraArgs);
        platform.startMore(services);
        return platform;
    }

    /**
     * One platform for the whole test JVM, started on first use and stopped when the JVM exits: accounts
     * and the gateway, then every service that owns a route of the gateway's routing table. Test classes
     * on it make their own accounts (the database is this JVM's in any case), so none needs it fresh.
     */
    public static synchronized TestPlatform shared() {
        if (shared == null) {
            // Websocket settings for WebsocketGatewayTest: fast autopings, and a relay that waits for a
            // stalled client longer than filling sender's queue takes.
            // Licences: signed with this JVM's TestLicenses key, read again by every check (no cache), so a
            // licence a test installs applies at once.
            // S3: the estimator allows exact endpoints only, so the port of sharedS3() is fixed before the start.
            sharedS3Port = freePort();
            List<String> args = new ArrayList<>(List.of("--selene.sender.ping-interval=500ms",
                    "--selene.gateway.websocket.send-timeout=60s",
                    "--selene.licenses.public-key=" + TestLicenses.publicKey(), "--selene.license.cache-ttl=0s",
                    // Tasks: small subtasks so a few dozen objects make several; image URLs of test servers.
                    "--selene.tasks.objects-per-subtask=20", "--selene.tasks.images-per-subtask=4",
                    "--selene.tasks.retry-delay=500ms", "--selene.tasks.estimator.url-hosts=127.0.0.1",
                    "--selene.tasks.estimator.s3-endpoints=http://127.0.0.1:" + sharedS3Port,
                    // Webhooks: receivers of WebhooksTest listen on 127.0.0.1; quick retries.
                    "--selene.sender.webhooks.allow-private-hosts=true", "--selene.sender.webhooks.first-retry=300ms"));
            // Metrics go to a real InfluxDB, as with bin/platform up --monitoring (DashboardsTest reads them).
            if (InfluxServer.installed()) {
                sharedInflux = InfluxServer.start();
                stopAtExit(sharedInflux, "shared-influx-stop");
                args.addAll(List.of("--management.influx.metrics.export.enabled=true",
                        "--management.influx.metrics.export.api-version=v1",
                        "--management.influx.metrics.export.uri=" + sharedInflux.uri(),
                        "--management.influx.metrics.export.db=" + METRICS_DB,
                        "--management.influx.metrics.export.step=2s"));
            }
            TestPlatform platform = start("shared", List.of(AccountsServiceApplication.class,
                    ApiServiceApplication.class), args.toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
            }, "shared-test-platform-stop"));
            Set<String> owners = new LinkedHashSet<>();
            platform.bean("api-service", RoutingTable.class).routes().stream().map(PublicRoute::service)
                    .forEach(owners::add);
            List<Class<?>> more = PlatformLauncher.SERVICES.stream()
                    .filter(service -> owners.contains(PlatformLauncher.serviceName(service)))
                    .filter(service -> !platform.services().contains(PlatformLauncher.serviceName(service)))
                    .toList();
            if (!more.isEmpty()) {
                platform.startMore(more);
            }
            shared = platform;
        }
        return shared;
    }

    /**
     * The shared platform if a test class started it in this JVM; it runs tasks-service workers that claim
     * subtasks from this JVM's database, whichever platform's task they belong to.
     */
    public static synchronized Optional<TestPlatform> sharedIfStarted() {
        return Optional.ofNullable(shared);
    }

    /** The shared platform's InfluxDB; empty when Debian's influxdb package is not installed. */
    public static Optional<InfluxServer> sharedInflux() {
        return Optional.ofNullable(sharedInflux);
    }

    /**
     * An S3-compatible server (S3Proxy) whose endpoint the shared platform's estimator tasks may read
     * ({@code selene.tasks.estimator.s3-endpoints}); started on first use, stopped when the JVM exits.
     */
    public static synchronized S3ProxyServer sharedS3() {
        shared();
        if (sharedS3 == null) {
            sharedS3 = S3ProxyServer.start(sharedS3Port);
            stopAtExit(sharedS3, "shared-s3proxy-stop");
        }
        return sharedS3;
    }

    /**
     * A hook of its own per server process: hooks run side by side, so a slow platform stop cannot keep
     * it waiting until surefire kills the JVM and leaves the process running.
     */
    private static void stopAtExit(AutoCloseable server, String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // stopping at exit: nothing left to report to
            }
        }, name));
    }

    /** Starts more services once the others are up (e.g. a matcher that loads its index from faces). */
    public void startMore(List<Class<?>> services) {
        running.add(PlatformLauncher.start(services, this::arguments, 2));
    }

    /** Stops one service and starts it again on its port: it keeps only what it reloads. */
    public void restart(Class<?> service) {
        context(PlatformLauncher.serviceName(service)).close();
        startMore(List.of(service));
    }

    /**
     * Starts one more instance of a service (e.g. a matcher shard) with {@code args} over the platform's
     * (an argument naming a setting the platform sets replaces it, e.g. {@code --server.port=}). The caller
     * may stop it ({@link RunningPlatform#close}) and start it again; {@link #close} stops it in any case.
     */
    public RunningPlatform startInstance(Class<?> service, String... args) {
        RunningPlatform instance = PlatformLauncher.start(List.of(service),
                name -> overridden(arguments(name), List.of(args)), 1);
        running.add(instance);
        return instance;
    }

    private List<String> arguments(String service) {
        return overridden(platformArguments(service), extraArgs);
    }

    /** {@code args} then {@code more}, where a {@code --key=} of {@code more} replaces the same key in {@code args}. */
    private static List<String> overridden(List<String> args, List<String> more) {
        Set<String> keys = new LinkedHashSet<>();
        more.forEach(arg -> keys.add(key(arg)));
        List<String> merged = new ArrayList<>(args.stream().filter(arg -> !keys.contains(key(arg))).toList());
        merged.addAll(more);
        return merged;
    }

    private static String key(String arg) {
        int equals = arg.indexOf('=');
        return equals < 0 ? arg : arg.substring(0, equals);
    }

    private List<String> platformArguments(String service) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + ports.get(service));
        ports.forEach((other, port) -> args.add("--selene.services." + other + ".url=http://127.0.0.1:" + port));
        TestInfrastructure.get().springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--selene.image-store.root=target/" + name + "-image-store");
        args.add("--selene.accounts.admin.login=" + adminLogin());
        args.add("--selene.accounts.admin.password=" + adminPassword());
        args.add("--selene.accounts.bcrypt-strength=4");
        return args;
    }

    /** The names of the running services. */
    public Set<String> services() {
        Set<String> names = new LinkedHashSet<>();
        running.forEach(group -> group.contexts().forEach((service, context) -> {
            if (context.isActive()) {
                names.add(service);
            }
        }));
        return names;
    }

    public int port(String service) {
        return ports.get(service);
    }

    /** The running service's Spring context (the latest, after a restart). */
    public ConfigurableApplicationContext context(String service) {
        for (int i = running.size() - 1; i >= 0; i--) {
            ConfigurableApplicationContext context = running.get(i).contexts().get(service);
            if (context != null && context.isActive()) {
                return context;
            }
        }
        throw new IllegalArgumentException(service + " is not running");
    }

    public <T> T bean(String service, Class<T> type) {
        return context(service).getBean(type);
    }

    public String adminLogin() {
        return "root@" + name + ".test";
    }

    public String adminPassword() {
        return name + "-admin-password";
    }

    /** The gateway, called without credentials. */
    public HttpProbe api() {
        return HttpProbe.onPort(port("api-service"));
    }

    public HttpProbe basic(String login, String password) {
        return api().with("Authorization", basicHeader(login, password));
    }

    public HttpProbe admin() {
        return basic(adminLogin(), adminPassword());
    }

    /** An internal service called by another Selene service on behalf of the account. */
    public HttpProbe internal(String service, UUID account) {
        return HttpProbe.internal(port(service), account);
    }

    /** A new user account, made by the admin through {@code POST /6/accounts}. */
    public Account newAccount() {
        return newAccount("user");
    }

    public Account newAccount(String type) {
        String login = type.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + name
                + ".test";
        String password = "pw-" + UUID.randomUUID();
        HttpProbe.Answer answer = admin().post("/6/accounts", "{\"login\": \"" + login + "\", \"password\": \""
                + password + "\", \"account_type\": \"" + type + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return new Account(UUID.fromString(answer.json().get("account_id").asString()), login, password,
                basic(login, password));
    }

    public static String basicHeader(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the services, last started first. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
        System.clearProperty("org.springframework.boot.logging.LoggingSystem");
    }

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on right now, below the kernel's ephemeral range (32768+ here): a port
     * handed out there may be taken as the local port of any outgoing connection (JDBC, Redis, HTTP)
     * before its service binds it, which made a later startMore fail with "port in use". Never the
     * same port twice in this JVM, so platforms started side by side cannot collide either.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // taken by another process: try another
            }
        }
        throw new IllegalStateException("no free port in 20000-31999");
    }
}
