package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.selene.commons.web.RequestIdFilter;
import io.selene.commons.web.RequestIds;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * All 14 services in one JVM, as {@code bin/platform up} runs them, on free ports and this test
 * run's own database: each is healthy, the API lists every version, and a request id given to the
 * API reaches the log lines of the services it calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholePlatformTest {

    private final ListAppender<ILoggingEvent> requestLog = new ListAppender<>();
    private TestPlatform platform;

    @BeforeAll
    void startEverything() {
        PlatformLauncher.useSingleLoggingConfiguration();
        Logger filterLogger = (Logger) LoggerFactory.getLogger(RequestIdFilter.class);
        filterLogger.setLevel(Level.DEBUG);
        requestLog.start();
        filterLogger.addAppender(requestLog);

        platform = TestPlatform.start("whole", PlatformLauncher.SERVICES);
    }

    @AfterAll
    void stopEverything() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyServiceIsHealthyOnItsOwnPort() {
        assertThat(platform.services()).hasSize(14);
        platform.services().forEach(name -> {
            int port = platform.port(name);
            assertThat(((WebServerApplicationContext) platform.context(name)).getWebServer().getPort()).isEqualTo(port);
            HttpProbe.Answer health = HttpProbe.onPort(port).get("/healthcheck");
            assertThat(health.status()).as(name + " " + health).isEqualTo(200);
        });
    }

    @Test
    void apiVersionListsAllFourteenServices() {
        HttpProbe.Answer answer = platform.api().get("/version");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("Version").get("api").asInt()).isEqualTo(6);
        assertThat(body.get("services").propertyNames()).containsExactlyInAnyOrderElementsOf(platform.services());
        assertThat(body.get("unreachable")).isEmpty();
        assertThat(body.get("services").get("image-store-service").get("api").asInt()).isEqualTo(1);
        assertThat(body.get("services").get("faces-service").get("api").asInt()).isEqualTo(3);
    }

    @Test
    void apiReportsAServiceThatStoppedAsUnreachable() {
        // A separate API context pointing one service at a closed port, so the shared platform stays whole.
        int closed = TestPlatform.freePort();
        try (RunningPlatform api = PlatformLauncher.start(List.of(io.selene.api.ApiServiceApplication.class),
                name -> List.of("--server.port=0",
                        "--selene.services.faces-service.url=http://127.0.0.1:" + closed,
                        "--selene.services.events-service.url=http://127.0.0.1:" + platform.port("events-service")),
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
        synchronized (requestLog) { // AppenderBase appends under this lock; other services log meanwhile
            requestLog.list.clear();
        }

        HttpProbe.Answer answer = platform.api().get("/version",
                "Luna-Request-Id", requestId);

        assertThat(answer.header("Luna-Request-Id")).isEqualTo(requestId);
        List<ILoggingEvent> logged;
        synchronized (requestLog) {
            logged = List.copyOf(requestLog.list);
        }
        List<String> servicesThatLoggedIt = logged.stream()
                .filter(event -> requestId.equals(event.getMDCPropertyMap().get(RequestIds.MDC_KEY)))
                .map(event -> event.getMDCPropertyMap().get(RequestIdFilter.SERVICE_MDC_KEY))
                .distinct()
                .toList();
        assertThat(servicesThatLoggedIt).containsExactlyInAnyOrderElementsOf(platform.services());
    }
}
