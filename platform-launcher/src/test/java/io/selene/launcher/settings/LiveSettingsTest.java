package io.selene.launcher.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.selene.commons.settings.LiveSettings;
import io.selene.configurator.ConfiguratorServiceApplication;
import io.selene.launcher.RandomDescriptors;
import io.selene.launcher.TestPlatform;
import io.selene.sender.config.SenderSettings;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Settings changed through configurator-service's API reach the running services within 5 s without a
 * restart (matcher limits, handlers' max images, Sender's queue size and subscriber limit, log level);
 * a restart setting is reported as waiting for a restart; a service whose Configurator is down says so
 * in its health report and keeps working.
 */
class LiveSettingsTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    private static TestPlatform platform;
    private static HttpProbe configurator;

    @BeforeAll
    static void platform() {
        platform = TestPlatform.shared();
        if (!platform.services().contains("configurator-service")) {
            platform.startMore(List.of(ConfiguratorServiceApplication.class));
        }
        configurator = HttpProbe.internal(platform.port("configurator-service"));
        // Every service polls every 2 s: once the matcher reads the (new) Configurator, all do.
        await(() -> configuratorCheck("matcher-service").get("status").asString().equals("ok"), Duration.ofSeconds(10));
    }

    @AfterEach
    void removeEverySetting() {
        HttpProbe.Answer cleared = configurator.send("PUT", "/1/dump", "application/json",
                "{\"settings\": []}".getBytes());
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        // Each service polls on its own: wait until every one is back on its defaults.
        await(() -> rawMatch(3).status() == 200 && extractor(2).json().get("error_code").asInt() != 14007
                && senderSettings().queueSize() == 256, WITHIN);
    }

    @Test
    void changesReachTheServicesWithinFiveSecondsWithoutRestart() {
        assertThat(rawMatch(3).status()).isEqualTo(200);
        assertThat(extractor(2).json().get("error_code").asInt()).isNotEqualTo(14007);
        Logger matcherLogger = (Logger) LoggerFactory.getLogger("io.selene.matcher");
        Level levelBefore = matcherLogger.getLevel();

        long started = System.nanoTime();
        create("PLATFORM_LIMITS", "{\"MATCH\": {\"REFERENCE_LIMIT\": 2}}", "[]");
        create("HANDLERS_DEFAULTS", "{\"MAX_IMAGES\": 1}", "[]");
        create("SENDER_LIMITS", "{\"QUEUE_SIZE\": 7}", "[\"sender-service\"]");
        create("LUNA_MATCHER_LOGGER", "{\"LOG_LEVEL\": \"DEBUG\"}", "[]");

        await(() -> rawMatch(3).status() == 400, WITHIN);
        HttpProbe.Answer refused = rawMatch(3);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(15001);
        assertThat(refused.json().get("detail").asString()).contains("at most 2");
        assertThat(rawMatch(2).status()).isEqualTo(200);
        await(() -> extractor(2).json().get("error_code").asInt() == 14007, WITHIN);
        await(() -> senderSettings().queueSize() == 7, WITHIN);
        assertThat(senderSettings().maxSubscribers()).as("untouched key keeps its default").isEqualTo(1000);
        await(() -> matcherLogger.getLevel() == Level.DEBUG, WITHIN);
        Duration applied = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("LiveSettingsTest: four settings written and seen by matcher, handlers, sender and the "
                + "logger in %d ms%n", applied.toMillis());
        assertThat(applied).isLessThan(WITHIN.plusSeconds(2));

        removeEverySetting();
        await(() -> matcherLogger.getLevel() == levelBefore, WITHIN);
    }

    @Test
    void aRefusedValueChangesNothingAndRollbackRestoresAnEarlierOneLive() {
        HttpProbe.Answer invalid = configurator.post("/1/settings",
                "{\"name\": \"PLATFORM_LIMITS\", \"value\": {\"MATCH\": {\"REFERENCE_LIMIT\": 0}}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error_code").asInt()).isEqualTo(21004);
        assertThat(configurator.get("/1/settings?setting_name=PLATFORM_LIMITS").json().get("count").asInt())
                .isZero();

        UUID id = create("PLATFORM_LIMITS", "{\"MATCH\": {\"REFERENCE_LIMIT\": 2}}", "[]");
        await(() -> rawMatch(3).status() == 400, WITHIN);
        HttpProbe.Answer raised = configurator.send("PUT", "/1/settings/" + id, "application/json",
                "{\"value\": {\"MATCH\": {\"REFERENCE_LIMIT\": 10}}}".getBytes());
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        await(() -> rawMatch(3).status() == 200, WITHIN);

        HttpProbe.Answer rolledBack = configurator.post("/1/settings/" + id + "/rollback", "{\"version\": 1}");
        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
        assertThat(rolledBack.json().get("version").asInt()).isEqualTo(3);
        await(() -> rawMatch(3).status() == 400, WITHIN);
    }

    @Test
    void aRestartSettingIsReportedUntilRestartAndAnUnreachableConfiguratorIsNamed() {
        create("INFLUX_MONITORING", "{\"FLUSHING_PERIOD\": 30}", "[\"matcher-service\"]");
        await(() -> configuratorCheck("matcher-service").path("error").asString("")
                .contains("restart needed to apply [INFLUX_MONITORING]"), WITHIN);
        JsonNode check = configuratorCheck("matcher-service");
        assertThat(check.get("status").asString()).isEqualTo("degraded");
        HttpProbe.Answer health = HttpProbe.onPort(platform.port("matcher-service")).get("/healthcheck");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(configuratorCheck("faces-service").get("status").asString())
                .as("the value is tagged for the matcher only").isEqualTo("ok");
        removeEverySetting();
        await(() -> configuratorCheck("matcher-service").get("status").asString().equals("ok"), WITHIN);

        UUID id = create("PLATFORM_LIMITS", "{\"MATCH\": {\"REFERENCE_LIMIT\": 2}}", "[]");
        await(() -> rawMatch(3).status() == 400, WITHIN);
        platform.context("configurator-service").close();
        try {
            await(() -> configuratorCheck("matcher-service").path("error").asString("").contains("not readable"),
                    WITHIN);
            assertThat(HttpProbe.onPort(platform.port("matcher-service")).get("/healthcheck").status())
                    .isEqualTo(200);
            assertThat(rawMatch(3).status()).as("the last pulled values stay in force").isEqualTo(400);
        } finally {
            platform.startMore(List.of(ConfiguratorServiceApplication.class));
        }
        assertThat(configurator.get("/1/settings/" + id).status()).as("stored, so kept over the restart")
                .isEqualTo(200);
        await(() -> configuratorCheck("matcher-service").get("status").asString().equals("ok"), WITHIN);
    }

    private static UUID create(String name, String value, String tags) {
        HttpProbe.Answer created = configurator.post("/1/settings",
                "{\"name\": \"" + name + "\", \"value\": " + value + ", \"tags\": " + tags + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("setting_id").asString());
    }

    private static JsonNode configuratorCheck(String service) {
        JsonNode health = HttpProbe.onPort(platform.port(service)).get("/healthcheck").json();
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asString().equals("configurator")) {
                return check;
            }
        }
        throw new AssertionError(service + " reports no configurator check: " + health);
    }

    @SuppressWarnings("unchecked")
    private static SenderSettings senderSettings() {
        return ((LiveSettings<SenderSettings>) platform.bean("sender-service", LiveSettings.class)).get();
    }

    private static HttpProbe.Answer rawMatch(int references) {
        Random random = new Random(references);
        StringBuilder body = new StringBuilder("{\"references\": [");
        for (int i = 0; i < references; i++) {
            body.append(i == 0 ? "" : ",").append(RandomDescriptors.item("r" + i, random));
        }
        body.append("], \"candidates\": [").append(RandomDescriptors.item("c", random)).append("]}");
        return HttpProbe.internal(platform.port("matcher-service"), UUID.randomUUID())
                .post("/1/matcher/raw", body.toString());
    }

    /** Two unknown sample ids: refused for their number (14007) before anything is looked up. */
    private static HttpProbe.Answer extractor(int samples) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < samples; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        return HttpProbe.internal(platform.port("handlers-service"), UUID.randomUUID())
                .post("/1/extractor", body.append(']').toString());
    }

    private static void await(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
