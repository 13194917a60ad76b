package io.selene.configurator.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The Configurator's API against this run's PostgreSQL: validation, history, rollback, pull, dump. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SettingsApiTest {

    @Value("${local.server.port}")
    int port;

    private HttpProbe api() {
        return HttpProbe.internal(port);
    }

    @BeforeEach
    void noSettings() {
        assertThat(put("/1/dump", "{\"settings\": []}").status()).isEqualTo(200);
    }

    @Test
    void everyWriteIsValidatedAgainstItsLimitationAndARefusalStoresNothing() {
        List<String[]> refused = List.of(
                new String[] {"{\"name\": \"PLATFORM_LIMITS\", \"value\": {\"MATCH\": {\"REFERENCE_LIMIT\": 0}}}", "21004"},
                new String[] {"{\"name\": \"PLATFORM_LIMITS\", \"value\": {\"MATCH\": {\"REFERENCE_LIMIT\": \"many\"}}}", "21004"},
                new String[] {"{\"name\": \"PLATFORM_LIMITS\", \"value\": {\"MATCH\": {\"COLOUR\": 1}}}", "21004"},
                new String[] {"{\"name\": \"NO_SUCH_SETTING\", \"value\": {}}", "21003"},
                new String[] {"{\"name\": \"PLATFORM_LIMITS\", \"value\": {}, \"tags\": [\"faces-service\"]}", "21005"},
                new String[] {"{\"name\": \"PLATFORM_LIMITS\"}", "102"},
                new String[] {"{\"name\": \"PLATFORM_LIMITS\", \"value\": {}, \"colour\": 1}", "102"},
                new String[] {"[1]", "102"});
        for (String[] body : refused) {
            HttpProbe.Answer answer = api().post("/1/settings", body[0]);
            assertThat(answer.status()).as(body[0] + " " + answer).isBetween(400, 499);
            assertThat(answer.json().get("error_code").asString()).as(body[0]).isEqualTo(body[1]);
            assertThat(answer.json().get("detail").asString()).isNotBlank();
        }
        assertThat(api().get("/1/settings").json().get("count").asInt()).isZero();

        JsonNode created = create("PLATFORM_LIMITS", "{\"MATCH\": {\"REFERENCE_LIMIT\": 5}}", "[]");
        HttpProbe.Answer badUpdate = put("/1/settings/" + created.get("setting_id").asString(),
                "{\"value\": {\"MATCH\": {\"REFERENCE_LIMIT\": -1}}}");
        assertThat(badUpdate.status()).isEqualTo(400);
        JsonNode stored = api().get("/1/settings/" + created.get("setting_id").asString()).json();
        assertThat(stored.get("value").get("MATCH").get("REFERENCE_LIMIT").asInt()).isEqualTo(5);
        assertThat(stored.get("version").asInt()).isEqualTo(1);
        HttpProbe.Answer duplicate = api().post("/1/settings",
                "{\"name\": \"PLATFORM_LIMITS\", \"value\": {\"MATCH\": {\"REFERENCE_LIMIT\": 6}}}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error_code").asInt()).isEqualTo(21006);
    }

    @Test
    void historyKeepsWhoWhenOldAndNewAndRollbackMakesAnOldValueCurrent() {
        String id = create("SENDER_LIMITS", "{\"QUEUE_SIZE\": 10}", "[]").get("setting_id").asString();
        assertThat(put("/1/settings/" + id, "{\"value\": {\"QUEUE_SIZE\": 20}, \"description\": \"more\"}").status())
                .isEqualTo(200);
        assertThat(put("/1/settings/" + id, "{\"value\": {\"QUEUE_SIZE\": 30}}").status()).isEqualTo(200);

        HttpProbe.Answer rolledBack = api().post("/1/settings/" + id + "/rollback", "{\"version\": 1}");
        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
        assertThat(rolledBack.json().get("value").get("QUEUE_SIZE").asInt()).isEqualTo(10);
        assertThat(rolledBack.json().get("version").asInt()).isEqualTo(4);

        JsonNode history = api().get("/1/settings/" + id + "/history").json().get("history");
        List<String> actions = new ArrayList<>();
        history.forEach(entry -> actions.add(entry.get("version").asInt() + ":" + entry.get("action").asString()));
        assertThat(actions).containsExactly("4:rollback", "3:update", "2:update", "1:create");
        JsonNode latest = history.get(0);
        assertThat(latest.get("old_value").get("QUEUE_SIZE").asInt()).isEqualTo(30);
        assertThat(latest.get("new_value").get("QUEUE_SIZE").asInt()).isEqualTo(10);
        assertThat(latest.get("changed_by").asString()).isNotBlank();
        assertThat(latest.get("change_time").asString()).isNotBlank();

        assertThat(api().post("/1/settings/" + id + "/rollback", "{\"version\": 99}").json().get("error_code").asInt())
                .isEqualTo(21007);
        assertThat(api().send("DELETE", "/1/settings/" + id).status()).isEqualTo(204);
        assertThat(api().get("/1/settings/" + id).status()).isEqualTo(404);
        assertThat(api().get("/1/settings/" + id + "/history").json().get("history").get(0).get("action").asString())
                .as("history outlives the setting").isEqualTo("delete");
    }

    @Test
    void aServicePullsItsTaggedValueBeforeTheDefaultAndOnlyWhatItReads() {
        create("PLATFORM_LIMITS", "{\"MATCH\": {\"REFERENCE_LIMIT\": 5}}", "[]");
        create("INFLUX_MONITORING", "{\"SEND_DATA_FOR_MONITORING\": 0}", "[]");
        create("INFLUX_MONITORING", "{\"SEND_DATA_FOR_MONITORING\": 1}", "[\"matcher-service\"]");

        JsonNode matcher = api().get("/1/config?service_name=matcher-service").json().get("settings");
        assertThat(names(matcher)).containsExactlyInAnyOrder("PLATFORM_LIMITS", "INFLUX_MONITORING");
        for (JsonNode setting : matcher) {
            if (setting.get("name").asString().equals("INFLUX_MONITORING")) {
                assertThat(setting.get("value").get("SEND_DATA_FOR_MONITORING").asInt()).isEqualTo(1);
                assertThat(setting.get("reload").asString()).isEqualTo("restart");
            } else {
                assertThat(setting.get("reload").asString()).isEqualTo("live");
            }
        }
        JsonNode faces = api().get("/1/config?service_name=faces-service").json().get("settings");
        assertThat(names(faces)).containsExactly("INFLUX_MONITORING");
        assertThat(faces.get(0).get("value").get("SEND_DATA_FOR_MONITORING").asInt()).isZero();
        assertThat(api().get("/1/config").json().get("error_code").asInt()).isEqualTo(12014);
        assertThat(api().get("/1/settings?service_name=faces-service").json().get("count").asInt()).isEqualTo(2);
        assertThat(api().get("/1/settings?tags=matcher-service").json().get("count").asInt()).isEqualTo(1);
        assertThat(api().get("/1/settings?page_size=101").json().get("error_code").asInt()).isEqualTo(101);

        JsonNode limitations = api().get("/1/limitations?service_name=matcher-service").json().get("limitations");
        assertThat(names(limitations, "limitation_name")).contains("PLATFORM_LIMITS", "INFLUX_MONITORING",
                "LUNA_MATCHER_LOGGER").doesNotContain("SENDER_LIMITS");
    }

    @Test
    void aDumpImportsAllOrNothing() {
        create("PLATFORM_LIMITS", "{\"MATCH\": {\"REFERENCE_LIMIT\": 5}}", "[]");
        String id = create("SENDER_LIMITS", "{\"QUEUE_SIZE\": 10}", "[]").get("setting_id").asString();
        JsonNode exported = api().get("/1/settings/dump").json();
        assertThat(exported.get("settings")).hasSize(2);
        assertThat(names(exported.get("limitations"), "limitation_name")).contains("PLATFORM_LIMITS", "INFLUX_MONITORING");

        String bad = "{\"settings\": [{\"name\": \"SENDER_LIMITS\", \"value\": {\"QUEUE_SIZE\": 99}},"
                + " {\"name\": \"HANDLERS_DEFAULTS\", \"value\": {\"MAX_IMAGES\": 0}}]}";
        HttpProbe.Answer refused = put("/1/dump", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(21008);
        assertThat(refused.json().get("detail").asString()).contains("settings[1]");
        assertThat(api().get("/1/dump").json()).as("nothing imported").isEqualTo(exported);
        HttpProbe.Answer twice = put("/1/dump", "{\"settings\": [{\"name\": \"SENDER_LIMITS\", \"value\": {}},"
                + " {\"name\": \"SENDER_LIMITS\", \"value\": {}}]}");
        assertThat(twice.json().get("error_code").asInt()).isEqualTo(21008);

        HttpProbe.Answer imported = put("/1/settings/dump", "{\"settings\": [{\"name\": \"SENDER_LIMITS\", "
                + "\"value\": {\"QUEUE_SIZE\": 99}}, {\"name\": \"HANDLERS_DEFAULTS\", \"value\": {\"MAX_IMAGES\": 4}}]}");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        JsonNode after = api().get("/1/dump").json().get("settings");
        assertThat(names(after)).containsExactlyInAnyOrder("SENDER_LIMITS", "HANDLERS_DEFAULTS");
        JsonNode sender = api().get("/1/settings/" + id).json();
        assertThat(sender.get("value").get("QUEUE_SIZE").asInt()).as("same name and tags: same setting, new version")
                .isEqualTo(99);
        assertThat(sender.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void withoutTheSharedSecretNothingIsReadable() {
        HttpProbe.Answer answer = HttpProbe.onPort(port).get("/1/settings");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error_code").asInt()).isEqualTo(12043);
        HttpProbe.Answer page = HttpProbe.onPort(port).get("/ui/settings");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("WWW-Authenticate")).startsWith("Basic");
    }

    private JsonNode create(String name, String value, String tags) {
        HttpProbe.Answer answer = api().post("/1/settings",
                "{\"name\": \"" + name + "\", \"value\": " + value + ", \"tags\": " + tags + "}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    private HttpProbe.Answer put(String path, String body) {
        return api().send("PUT", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(JsonNode settings) {
        return names(settings, "name");
    }

    private static List<String> names(JsonNode settings, String field) {
        List<String> names = new ArrayList<>();
        settings.forEach(s -> names.add(s.get(field).asString()));
        return names;
    }
}
