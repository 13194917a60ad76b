package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.selene.commons.web.RequestIdFilter;
import io.selene.commons.web.RequestIds;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * All 13 services in one JVM, as {@code bin/platform up} runs them, on free ports and this test
 * run's own database: each is healthy, the API lists every version, and a request id given to the
 * API reaches the log lines of the services it calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholePlatformTest {

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final ListAppender<ILoggingEvent> requestLog = new ListAppender<>();
    private RunningPlatform platform;

    @BeforeAll
    void startEverything() throws IOException {
        PlatformLauncher.useSingleLoggingConfiguration();
        Logger filterLogger = (Logger) LoggerFactory.getLogger(RequestIdFilter.class);
        filterLogger.setLevel(Level.DEBUG);
        requestLog.start();
        filterLogger.addAppender(requestLog);

        for (Class<?> service : PlatformLauncher.SERVICES) {
            ports.put(PlatformLauncher.serviceName(service), freePort());
        }
        Map<String, Object> infrastructure = TestInfrastructure.get().springProperties();
        platform = PlatformLauncher.start(PlatformLauncher.SERVICES, name -> {
            List<String> args = new ArrayList<>();
            args.add("--server.port=" + ports.get(name));
            ports.forEach((other, port) -> args.add("--selene.services." + other + ".url=http://127.0.0.1:" + port));
            infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
            args.add("--selene.image-store.root=target/image-store");
            return args;
        }, 2);
    }

    @AfterAll
    void stopEverything() {
        if (platform != null) {
            platform.close();
        }
        System.clearProperty("org.springframework.boot.logging.LoggingSystem");
    }

    @Test
    void everyServiceIsHealthyOnItsOwnPort() {
        assertThat(platform.contexts()).hasSize(13);
        ports.forEach((name, port) -> {
            assertThat(platform.port(name)).isEqualTo(port);
            HttpProbe.Answer health = HttpProbe.onPort(port).get("/healthcheck");
            assertThat(health.status()).as(name + " " + health).isEqualTo(200);
        });
    }

    @Test
    void apiVersionListsAllThirteenServices() {
        HttpProbe.Answer answer = HttpProbe.onPort(ports.get("api-service")).get("/version");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("Version").get("api").asInt()).isEqualTo(6);
        assertThat(body.get("services").propertyNames()).containsExactlyInAnyOrderElementsOf(ports.keySet());
        assertThat(body.get("unreachable")).isEmpty();
        assertThat(body.get("services").get("image-store-service").get("api").asInt()).isEqualTo(1);
        assertThat(body.get("services").get("faces-service").get("api").asInt()).isEqualTo(3);
    }

    @Test
    void apiReportsAServiceThatStoppedAsUnreachable() {
        // A separate API context pointing one service at a closed port, so the shared platform stays whole.
        int closed = freePortQuietly();
        try (RunningPlatform api = PlatformLauncher.start(List.of(io.selene.api.ApiServiceApplication.class),
                name -> List.of("--server.port=0",
                        "--selene.services.faces-service.url=http://127.0.0.1:" + closed,
                        "--selene.services.events-service.url=http://127.0.0.1:" + ports.get("events-service")),
                1)) {
            JsonNode body = HttpProbe.onPort(api.port("api-service")).get("/version").json();
            assertThat(body.get("unreachable").toString()).contains("faces-service");
            assertThat(body.get("services").has("events-service")).isTrue();
            assertThat(body.get("services").has("faces-service")).isFalse();
        }
    }

    @Test
    void requestIdGivenToTheApiIsInTheLogLinesOfEveryServiceItCalls() {
        String requestId = "1764288000,0b6c7c2e-3f4a-4d6e-9a1b-2c3d4e5f6a7b";
        requestLog.list.clear();

        HttpProbe.Answer answer = HttpProbe.onPort(ports.get("api-service")).get("/version",
                "Luna-Request-Id", requestId);

        assertThat(answer.header("Luna-Request-Id")).isEqualTo(requestId);
        List<String> servicesThatLoggedIt = requestLog.list.stream()
                .filter(event -> requestId.equals(event.getMDCPropertyMap().get(RequestIds.MDC_KEY)))
                .map(event -> event.getMDCPropertyMap().get(RequestIdFilter.SERVICE_MDC_KEY))
                .distinct()
                .toList();
        assertThat(servicesThatLoggedIt).containsExactlyInAnyOrderElementsOf(ports.keySet());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freePortQuietly() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
