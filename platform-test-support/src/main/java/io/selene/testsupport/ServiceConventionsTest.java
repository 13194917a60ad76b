package io.selene.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The conventions every service answers the same way. Each service module extends this with a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} class and states its API version, the
 * healthchecks it must run and the schema its Flyway scripts own.
 */
public abstract class ServiceConventionsTest {

    private static final String REQUEST_ID = "Luna-Request-Id";

    @Value("${local.server.port}")
    protected int port;

    protected abstract int expectedApiVersion();

    /** Names in the {@code /healthcheck} body, e.g. postgres, redis. */
    protected abstract Set<String> expectedHealthChecks();

    /** Schema created by the service's Flyway scripts, or {@code null} when it owns none. */
    protected abstract String expectedSchema();

    /** All but the public API gateway refuse calls without the shared internal secret. */
    /** A path the service's spec documents (the gateway's spec is its public /6 contract only). */
    protected String documentedPath() {
        return "/version";
    }

    protected boolean requiresInternalSecret() {
        return true;
    }

    protected HttpProbe http() {
        return HttpProbe.onPort(port);
    }

    @Test
    void versionNamesTheApiAndRelease() {
        HttpProbe.Answer answer = http().get("/version");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode version = answer.json().get("Version");
        assertThat(version.get("api").asInt()).isEqualTo(expectedApiVersion());
        assertThat(version.get("major").isInt()).isTrue();
        assertThat(version.get("minor").isInt()).isTrue();
        assertThat(version.get("patch").isInt()).isTrue();
    }

    @Test
    void healthcheckRunsEachOwnConnectionAndTimesIt() {
        HttpProbe.Answer answer = http().get("/healthcheck");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("status").asString()).isEqualTo("ok");
        List<String> names = new ArrayList<>();
        for (JsonNode check : body.get("checks")) {
            names.add(check.get("name").asString());
            assertThat(check.get("status").asString()).isEqualTo("ok");
            // Each check's time is part of the total (absolute times depend on the machine's load).
            assertThat(check.get("execution_time").asDouble()).isGreaterThanOrEqualTo(0.0)
                    .isLessThanOrEqualTo(body.get("execution_time").asDouble());
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expectedHealthChecks());
    }

    @Test
    void openApiSpecIsServedAsJsonAndYaml() {
        HttpProbe.Answer json = http().get("/docs/spec");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().get("openapi").asString()).startsWith("3.");
        assertThat(json.json().get("paths").has(documentedPath())).as(documentedPath()).isTrue();

        HttpProbe.Answer yaml = http().get("/docs/spec", "Accept", "application/x-yaml");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).startsWith("application/x-yaml");
        assertThat(yaml.text()).startsWith("openapi:").contains(documentedPath() + ":");

        HttpProbe.Answer ui = http().get("/docs/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger-ui");
    }

    @Test
    void wellFormedRequestIdIsEchoedAndAnyOtherIsReplaced() {
        String given = "1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a";
        assertThat(http().get("/version", REQUEST_ID, given).header(REQUEST_ID)).isEqualTo(given);

        String generated = http().get("/version", REQUEST_ID, "not-an-id").header(REQUEST_ID);
        assertThat(generated).matches("^\\d{10},[0-9a-f-]{36}$");
        assertThat(http().get("/version").header(REQUEST_ID)).matches("^\\d{10},[0-9a-f-]{36}$");
    }

    @Test
    void routesOtherThanTheServiceOnesNeedTheInternalSecret() {
        HttpProbe.Answer outsider = http().get("/no/such/route", "X-Selene-Account-Id",
                "00000000-0000-0000-0000-000000000001");
        if (requiresInternalSecret()) {
            assertThat(outsider.status()).isEqualTo(401);
            assertLunaError(outsider, 12043);
            HttpProbe.Answer wrongSecret = http().get("/no/such/route", "X-Selene-Internal-Secret", "guess");
            assertThat(wrongSecret.status()).isEqualTo(401);
        } else {
            assertThat(outsider.status()).isEqualTo(404);
        }
    }

    @Test
    void unknownRouteAndWrongMethodAreLunaErrors() {
        HttpProbe.Answer unknown = HttpProbe.internal(port).get("/no/such/route");
        assertThat(unknown.status()).isEqualTo(404);
        assertLunaError(unknown, 106);

        HttpProbe.Answer wrongMethod = http().send("DELETE", "/version");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertLunaError(wrongMethod, 106);
    }

    @Test
    void flywayCreatedTheServiceSchema() throws SQLException {
        String schema = expectedSchema();
        if (schema == null) {
            assertThat(expectedHealthChecks()).doesNotContain("postgres");
            return;
        }
        try (Connection connection = TestInfrastructure.get().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE success")) {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(1);
            }
        }
    }

    public static void assertLunaError(HttpProbe.Answer answer, int expectedCode) {
        JsonNode body = answer.json();
        assertThat(body.get("error_code").asInt()).as(answer.toString()).isEqualTo(expectedCode);
        assertThat(body.get("desc").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(body.get("link").asString()).endsWith(String.valueOf(expectedCode));
        assertThat(body.size()).isEqualTo(4);
    }
}
