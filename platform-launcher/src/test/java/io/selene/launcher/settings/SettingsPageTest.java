package io.selene.launcher.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.selene.configurator.ConfiguratorServiceApplication;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Configurator's settings page and the API it calls, used by an admin's browser with Basic
 * credentials checked by accounts-service: admins in, other accounts and bad passwords out, and each
 * change recorded under the admin's login.
 */
class SettingsPageTest {

    private static TestPlatform platform;
    private static int port;

    @BeforeAll
    static void platform() {
        platform = TestPlatform.shared();
        if (!platform.services().contains("configurator-service")) {
            platform.startMore(List.of(ConfiguratorServiceApplication.class));
        }
        port = platform.port("configurator-service");
    }

    @AfterEach
    void noSettings() {
        HttpProbe.internal(port).send("PUT", "/1/dump", "application/json",
                "{\"settings\": []}".getBytes(StandardCharsets.UTF_8));
    }

    private static HttpProbe browser(String login, String password) {
        return HttpProbe.onPort(port).with("Authorization", TestPlatform.basicHeader(login, password));
    }

    @Test
    void anAdminGetsThePageAndChangesSettingsUnderItsOwnName() {
        HttpProbe admin = browser(platform.adminLogin(), platform.adminPassword());
        HttpProbe.Answer page = admin.get("/ui/settings");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<title>Selene settings</title>", "/1/limitations", "/rollback")
                .doesNotContain("http://", "https://");

        HttpProbe.Answer limitations = admin.get("/ui/api/1/limitations?service_name=matcher-service");
        assertThat(limitations.status()).as(limitations.toString()).isEqualTo(200);
        assertThat(limitations.json().get("count").asInt()).isGreaterThanOrEqualTo(3);
        HttpProbe.Answer created = admin.post("/ui/api/1/settings",
                "{\"name\": \"SENDER_LIMITS\", \"value\": {\"QUEUE_SIZE\": 50}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("setting_id").asString();
        HttpProbe.Answer refused = admin.send("PUT", "/ui/api/1/settings/" + id, "application/json", "{\"value\": {\"QUEUE_SIZE\": \"fifty\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("QUEUE_SIZE");
        JsonNode history = admin.get("/ui/api/1/settings/" + id + "/history").json().get("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("changed_by").asString()).isEqualTo(platform.adminLogin());
    }

    @Test
    void othersAreRefused() {
        for (String path : List.of("/ui/settings", "/ui/api/1/settings", "/ui/api/1/dump")) {
            HttpProbe.Answer anonymous = HttpProbe.onPort(port).get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).as("a challenge, so the browser asks").contains("Basic");
        }

        HttpProbe.Answer wrongPassword = browser(platform.adminLogin(), "not-the-password").get("/ui/settings");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.header("WWW-Authenticate")).contains("Basic");

        TestPlatform.Account user = platform.newAccount();
        HttpProbe.Answer notAdmin = browser(user.login(), user.password()).get("/ui/api/1/settings");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().get("error_code").asInt()).isEqualTo(21010);
        HttpProbe.Answer notAdminWrite = browser(user.login(), user.password()).post("/1/settings",
                "{\"name\": \"SENDER_LIMITS\", \"value\": {\"QUEUE_SIZE\": 1}}");
        assertThat(notAdminWrite.status()).isEqualTo(403);
        assertThat(HttpProbe.internal(port).get("/1/settings").json().get("count").asInt()).isZero();

        HttpProbe.Answer bearer = HttpProbe.onPort(port).with("Authorization", "Bearer x.y.z").get("/1/settings");
        assertThat(bearer.status()).as("only Basic opens the page's API").isEqualTo(401);
    }
}
