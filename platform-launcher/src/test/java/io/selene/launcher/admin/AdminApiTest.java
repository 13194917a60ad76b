package io.selene.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.selene.launcher.TestPlatform;
import io.selene.launcher.tasks.TaskProbes;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The admin API through the gateway ({@code /6/admin/...}): an admin searches, creates, changes and deletes
 * accounts (a blocked one can no longer log in), makes and revokes their tokens and reads the system state;
 * any other account is refused.
 */
class AdminApiTest {

    private static TestPlatform platform;

    @BeforeAll
    static void platform() {
        platform = TestPlatform.shared();
    }

    @Test
    void anAdminManagesAnAccountAndItsTokens() {
        HttpProbe admin = platform.admin();
        String login = "managed-" + UUID.randomUUID().toString().substring(0, 8) + "@admin-api.test";
        HttpProbe.Answer created = admin.post("/6/admin/accounts",
                "{\"login\": \"" + login + "\", \"password\": \"first-password\", \"account_type\": \"user\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("account_id").asString();

        HttpProbe.Answer found = admin.get("/6/admin/accounts?login_contains=" + login.substring(0, 16) + "&page_size=5");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("count").asInt()).isEqualTo(1);
        assertThat(found.json().get("accounts").get(0).get("login").asString()).isEqualTo(login);

        HttpProbe.Answer detail = admin.get("/6/admin/accounts/" + id);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        JsonNode counts = detail.json().get("counts");
        for (String what : new String[] {"faces", "lists", "events", "handlers", "verifiers"}) {
            assertThat(counts.get(what).asLong()).as(what + " of a new account: " + counts).isZero();
        }

        HttpProbe.Answer changed = admin.send("PATCH", "/6/admin/accounts/" + id, "application/json",
                "{\"account_type\": \"advanced_user\", \"password\": \"second-password\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(platform.basic(login, "second-password").get("/6/accounts/" + id).json().get("account_type").asString())
                .isEqualTo("advanced_user");
        assertThat(platform.basic(login, "first-password").get("/6/accounts/" + id).status()).isEqualTo(401);

        HttpProbe.Answer blocked = admin.send("PATCH", "/6/admin/accounts/" + id, "application/json",
                "{\"blocked\": true}".getBytes(StandardCharsets.UTF_8));
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        HttpProbe.Answer refused = platform.basic(login, "second-password").get("/6/accounts/" + id);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(11016);
        assertThat(admin.send("PATCH", "/6/admin/accounts/" + id, "application/json",
                "{\"blocked\": false}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(platform.basic(login, "second-password").get("/6/accounts/" + id).status()).isEqualTo(200);

        HttpProbe.Answer token = admin.post("/6/admin/accounts/" + id + "/tokens", "{\"description\": \"ci\"}");
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String tokenId = token.json().get("token_id").asString();
        HttpProbe bearer = platform.api().with("Authorization", "Bearer " + token.json().get("token").asString());
        assertThat(bearer.get("/6/accounts/" + id).status()).isEqualTo(200);
        assertThat(admin.get("/6/admin/accounts/" + id + "/tokens").json().get("count").asInt()).isEqualTo(1);
        assertThat(admin.send("DELETE", "/6/admin/accounts/" + id + "/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(bearer.get("/6/accounts/" + id).status()).as("a revoked token").isEqualTo(401);

        HttpProbe.Answer erasing = admin.send("DELETE", "/6/admin/accounts/" + id);
        assertThat(erasing.status()).as(erasing.toString()).isEqualTo(202);
        JsonNode task = TaskProbes.await(admin, erasing.json().get("task_id").asLong(), Duration.ofSeconds(90));
        assertThat(task.get("task_status").asInt()).as(task.toString()).isEqualTo(5);
        HttpProbe.Answer gone = admin.get("/6/admin/accounts/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error_code").asInt()).isEqualTo(11001);
    }

    @Test
    void otherAccountsAreRefusedAndBadInputNamed() {
        TestPlatform.Account user = platform.newAccount("advanced_user");
        HttpProbe.Answer refused = user.api().get("/6/admin/accounts");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(35001);
        assertThat(user.api().get("/6/admin/system").status()).isEqualTo(403);
        assertThat(platform.api().get("/6/admin/accounts").status()).isEqualTo(401);

        HttpProbe.Answer badType = platform.admin().post("/6/admin/accounts",
                "{\"login\": \"x@admin-api.test\", \"password\": \"long-enough\", \"account_type\": \"root\"}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("detail").asString()).contains("account_type");
    }

    @Test
    void systemInformationNamesEveryServiceTheSchemasAndTheLicence() {
        HttpProbe.Answer system = platform.admin().get("/6/admin/system");
        assertThat(system.status()).as(system.toString()).isEqualTo(200);
        JsonNode body = system.json();
        assertThat(body.get("services")).hasSize(14);
        JsonNode gateway = body.get("services").valueStream()
                .filter(s -> s.get("name").asString().equals("api-service")).findFirst().orElseThrow();
        assertThat(gateway.get("healthy").asBoolean()).isTrue();
        assertThat(gateway.get("version").asString()).matches("\\d+\\.\\d+\\.\\d+ \\(API 6\\)");
        assertThat(body.get("schemas").valueStream().map(s -> s.get("schema").asString())).contains("accounts", "faces");
        JsonNode objects = body.get("buckets").valueStream()
                .filter(b -> b.get("bucket").asString().equals("objects")).findFirst().orElseThrow();
        assertThat(objects.get("objects").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(objects.get("bytes").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(body.get("license").isObject()).as("the licence in force: " + body.get("license")).isTrue();
    }

    @Test
    void systemInformationCountsTheRequestsOfEachRoute() {
        HttpProbe admin = platform.admin();
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/6/admin/accounts?page_size=1").status()).isEqualTo(200);
        }
        assertThat(admin.get("/6/admin/accounts/" + UUID.randomUUID()).status()).isEqualTo(404);
        JsonNode requests = admin.get("/6/admin/system").json().get("requests");
        assertThat(requests).as(requests.toString()).hasSize(14);
        JsonNode accounts = route(requests, "admin-service", "GET:/1/accounts");
        assertThat(accounts.get("count").asLong()).as(accounts.toString()).isGreaterThanOrEqualTo(3);
        assertThat(accounts.get("mean_ms").asDouble()).isPositive();
        assertThat(accounts.get("max_ms").asDouble()).isGreaterThanOrEqualTo(accounts.get("mean_ms").asDouble() / 2);
        JsonNode missing = route(requests, "admin-service", "GET:/1/accounts/{account_id}");
        assertThat(missing.get("errors").asLong()).as(missing.toString()).isPositive();
        JsonNode gateway = requests.valueStream().filter(r -> r.get("service").asString().equals("api-service"))
                .findFirst().orElseThrow();
        assertThat(gateway.get("routes").valueStream().mapToLong(r -> r.get("count").asLong()).sum()).isPositive();

        // The meters are internal: the gateway's public port refuses them without the shared secret.
        HttpProbe.Answer outside = platform.api().get("/1/metrics/requests");
        assertThat(outside.status()).as(outside.toString()).isEqualTo(401);
        assertThat(outside.json().get("error_code").asInt()).isEqualTo(12043);
    }

    @Test
    void maintenanceTasksDeleteAnAccountsOldEventsAndExtractItsMissingDescriptors() {
        HttpProbe admin = platform.admin();
        TestPlatform.Account user = platform.newAccount("user");
        String sample = storeFaceSample(user.id());
        String handler = UUID.randomUUID().toString();
        String old = event(user.id(), handler, "2020-01-10T10:00:00Z", sample);
        String recent = event(user.id(), handler, java.time.Instant.now().toString(), null);
        TestPlatform.Account other = platform.newAccount("user");
        String othersOld = event(other.id(), handler, "2020-01-10T10:00:00Z", null);

        HttpProbe.Answer gc = admin.post("/6/admin/accounts/" + user.id() + "/gc", "{\"older_than_days\": 30}");
        assertThat(gc.status()).as(gc.toString()).isEqualTo(202);
        JsonNode gcTask = TaskProbes.await(user.api(), gc.json().get("task_id").asLong(), Duration.ofSeconds(90));
        assertThat(gcTask.get("task_status").asInt()).as(gcTask.toString()).isEqualTo(5);
        assertThat(gcTask.get("task_type_name").asString()).isEqualTo("gc");
        assertThat(user.api().get("/6/events/" + old).status()).as("an event of 2020").isEqualTo(404);
        assertThat(user.api().get("/6/events/" + recent).status()).as("today's event").isEqualTo(200);
        assertThat(other.api().get("/6/events/" + othersOld).status()).as("another account's old event").isEqualTo(200);

        // a face made of a detected sample (a real 250x250 warp), which gets no descriptor until extracted
        HttpProbe.Answer detected = user.api().post("/6/detector", "image/jpeg", TestPhotos.sample(1));
        assertThat(detected.status()).as(detected.toString()).isEqualTo(201);
        String warp = detected.json().get("images").get(0).get("detections").get("samples").get(0).get("face")
                .get("sample_id").asString();
        String face = user.api().post("/6/faces", "{\"sample_ids\": [\"" + warp + "\"]}").json().get("face_id").asString();
        assertThat(user.api().get("/6/faces/" + face + "/attributes").json().path("attributes").path("descriptors").size())
                .as("a face made of a sample has no descriptor yet").isZero();
        HttpProbe.Answer extract = admin.post("/6/admin/accounts/" + user.id() + "/additional_extract", "{}");
        assertThat(extract.status()).as(extract.toString()).isEqualTo(202);
        JsonNode extractTask = TaskProbes.await(user.api(), extract.json().get("task_id").asLong(), Duration.ofSeconds(90));
        assertThat(extractTask.get("task_status").asInt()).as(extractTask.toString()).isEqualTo(5);
        JsonNode descriptors = user.api().get("/6/faces/" + face + "/attributes").json().get("attributes").get("descriptors");
        assertThat(descriptors).as(descriptors + ", the task's errors: "
                + user.api().get("/6/tasks/" + extractTask.get("task_id").asLong() + "/errors")).hasSize(1);

        for (String body : new String[] {"{\"older_than_days\": 0}", "{}", "{\"older_than_days\": \"30\"}",
                "{\"older_than_days\": 30, \"target\": \"faces\"}"}) {
            HttpProbe.Answer refused = admin.post("/6/admin/accounts/" + user.id() + "/gc", body);
            assertThat(refused.status()).as(body + " " + refused).isEqualTo(400);
            assertThat(refused.json().get("error_code").asInt()).isEqualTo(102);
            assertThat(refused.json().get("detail").asString()).contains(body.contains("target") ? "'target'" : "'older_than_days'");
        }
        HttpProbe.Answer nobody = admin.post("/6/admin/accounts/" + UUID.randomUUID() + "/gc", "{\"older_than_days\": 30}");
        assertThat(nobody.status()).as(nobody.toString()).isEqualTo(404);
        assertThat(nobody.json().get("error_code").asInt()).isEqualTo(11001);
        assertThat(user.api().post("/6/admin/accounts/" + user.id() + "/gc", "{\"older_than_days\": 30}").status())
                .as("not an admin").isEqualTo(403);
    }

    private static String storeFaceSample(UUID account) {
        HttpProbe.Answer answer = platform.internal("image-store-service", account)
                .post("/1/buckets/face-samples/images", "image/jpeg", TestPhotos.sample(1));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("image_id").asString();
    }

    /** An event as a handler stores it (straight into events-service), with a face sample or none. */
    private static String event(UUID account, String handler, String createTime, String sample) {
        String detection = sample == null ? "" : ", \"detections\": [{\"samples\": {\"face\": {\"sample_id\": \""
                + sample + "\", \"detection\": {\"rect\": {\"x\": 1, \"y\": 2, \"width\": 50, \"height\": 60}}}}}]";
        HttpProbe.Answer answer = platform.internal("events-service", account).post("/2/events",
                "{\"events\": [{\"handler_id\": \"" + handler + "\", \"create_time\": \"" + createTime + "\"" + detection + "}]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("events").get(0).get("event_id").asString();
    }

    private static JsonNode route(JsonNode requests, String service, String route) {
        return requests.valueStream().filter(r -> r.get("service").asString().equals(service))
                .flatMap(r -> r.get("routes").valueStream()).filter(r -> r.get("route").asString().equals(route))
                .findFirst().orElseThrow(() -> new AssertionError(route + " of " + service + " in " + requests));
    }
}
