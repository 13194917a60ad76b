package io.selene.launcher;

import java.util.ArrayList;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.backport.BackportServiceApplication;
import io.selene.admin.AdminServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.commons.PlatformService;
import io.selene.configurator.ConfiguratorServiceApplication;
import io.selene.events.EventsServiceApplication;
import io.selene.faces.FacesServiceApplication;
import io.selene.handlers.HandlersServiceApplication;
import io.selene.imagestore.ImageStoreServiceApplication;
import io.selene.licenses.LicensesServiceApplication;
import io.selene.liveness.LivenessServiceApplication;
import io.selene.matcher.MatcherServiceApplication;
import io.selene.sender.SenderServiceApplication;
import io.selene.tasks.TasksServiceApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs every Selene service in one JVM, each in its own Spring context on its own port, as if
 * they were separate processes: they still talk only over HTTP. One JVM shares classes, JIT and
 * heap, which is what lets all 14 fit a 2-core machine (see README for the measured figures);
 * compose runs the same services as separate containers.
 */
public final class PlatformLauncher {

    private static final Logger log = LoggerFactory.getLogger(PlatformLauncher.class);

    /** Every service, in start order: the ones others call first, the gateway last. */
    public static final List<Class<?>> SERVICES = List.of(
            AccountsServiceApplication.class,
            ConfiguratorServiceApplication.class,
            LicensesServiceApplication.class,
            ImageStoreServiceApplication.class,
            FacesServiceApplication.class,
            EventsServiceApplication.class,
            MatcherServiceApplication.class,
            HandlersServiceApplication.class,
            LivenessServiceApplication.class,
            TasksServiceApplication.class,
            SenderServiceApplication.class,
            BackportServiceApplication.class,
            AdminServiceApplication.class,
            ApiServiceApplication.class);

    /** Each service's default port (its {@code server.port} default), for {@code SELENE_PORT_OFFSET}. */
    static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(Map.entry("api-service", 5000),
            Map.entry("admin-service", 5010), Map.entry("image-store-service", 5020),
            Map.entry("faces-service", 5030), Map.entry("events-service", 5040), Map.entry("tasks-service", 5050),
            Map.entry("configurator-service", 5070), Map.entry("sender-service", 5080),
            Map.entry("handlers-service", 5090), Map.entry("matcher-service", 5100),
            Map.entry("licenses-service", 5120), Map.entry("liveness-service", 5130),
            Map.entry("backport-service", 5140),
            Map.entry("accounts-service", 5170));

    private PlatformLauncher() {
    }

    /**
     * With {@code SELENE_PORT_OFFSET=n} every service listens on its default port + n and every service is
     * told the others' shifted URLs, so a second platform (a benchmark) runs beside one on the default ports.
     */
    static List<String> offsetArguments(String service, int offset) {
        if (offset == 0) {
            return List.of();
        }
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=" + (DEFAULT_PORTS.get(service) + offset));
        DEFAULT_PORTS.forEach((name, port) -> arguments.add("--selene.services." + name + ".url=http://127.0.0.1:"
                + (port + offset)));
        return arguments;
    }

    public static void main(String[] args) {
        useSingleLoggingConfiguration();
        long started = System.nanoTime();
        List<Class<?>> selected = select(System.getenv("SELENE_SERVICES"));
        int parallelism = Integer.parseInt(System.getenv().getOrDefault("SELENE_START_PARALLELISM", "3"));
        List<String> arguments = new ArrayList<>(List.of(args));
        String secret = System.getenv("SELENE_INTERNAL_SECRET");
        if (secret == null || secret.isBlank()) {
            // All services live in this JVM: a fresh secret per start is enough, and none is ever on disk.
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            arguments.add("--selene.internal.secret=" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        int offset = Integer.parseInt(System.getenv().getOrDefault("SELENE_PORT_OFFSET", "0"));
        try {
            RunningPlatform platform = start(selected, name -> {
                List<String> all = new ArrayList<>(offsetArguments(name, offset));
                all.addAll(arguments);
                return all;
            }, parallelism);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "selene-shutdown"));
            log.info("Selene: {} services up in {} s", selected.size(),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        } catch (RuntimeException e) {
            log.error("Selene failed to start", e);
            System.exit(1);
        }
    }

    /**
     * One logback configuration (logback.xml of this module) for all contexts: letting each context
     * re-initialise logging concurrently would drop or garble log lines. Tomcat's JUL logging is
     * routed into it too.
     */
    public static void useSingleLoggingConfiguration() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Module name of a service application class. */
    public static String serviceName(Class<?> application) {
        return application.getAnnotation(PlatformService.class).name();
    }

    static List<Class<?>> select(String names) {
        if (names == null || names.isBlank()) {
            return SERVICES;
        }
        Set<String> wanted = Arrays.stream(names.split(",")).map(String::trim).collect(Collectors.toSet());
        List<Class<?>> selected = SERVICES.stream().filter(s -> wanted.contains(serviceName(s))).toList();
        if (selected.size() != wanted.size()) {
            throw new IllegalArgumentException("Unknown service in SELENE_SERVICES=" + names + "; known: "
                    + SERVICES.stream().map(PlatformLauncher::serviceName).toList());
        }
        return selected;
    }

    /** Extra command-line style arguments per service (e.g. {@code --server.port=0}). */
    public interface ServiceArguments {
        List<String> argumentsFor(String serviceName);
    }

    /**
     * Starts the given services, {@code parallelism} at a time; if any fails, stops those already up
     * and rethrows.
     */
    public static RunningPlatform start(List<Class<?>> services, ServiceArguments arguments, int parallelism) {
        Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism))) {
            Map<String, Future<ConfigurableApplicationContext>> pending = new LinkedHashMap<>();
            for (Class<?> service : services) {
                String name = serviceName(service);
                String[] args = arguments.argumentsFor(name).toArray(String[]::new);
                pending.put(name, pool.submit(() -> new SpringApplicationBuilder(service)
                        .registerShutdownHook(false)
                        .run(args)));
            }
            for (Map.Entry<String, Future<ConfigurableApplicationContext>> entry : pending.entrySet()) {
                try {
                    contexts.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    log.error("{} failed to start", entry.getKey(), e.getCause());
                    failures.add(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(e);
                }
            }
        }
        RunningPlatform platform = new RunningPlatform(contexts);
        if (!failures.isEmpty()) {
            platform.close();
            IllegalStateException failure = new IllegalStateException(failures.size() + " service(s) failed to start");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
        return platform;
    }
}
