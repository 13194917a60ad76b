package io.selene.launcher.licenses;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import io.selene.launcher.TestLicenses;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Licences through {@code /6}, with the real services of the shared platform: the community terms
 * without a licence; a licence made by {@code bin/license sign} installed by the admin (not by a user,
 * not with a token) and applied at once by faces-service, handlers-service and liveness-service;
 * tampered, foreign-key, expired and malformed licences refused with nothing changed; the 110 % faces
 * limit; the warnings in GET and in licenses-service's healthcheck. Each test leaves the community
 * terms in force.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicensesEndToEndTest {

    private TestPlatform platform;
    private TestPlatform.Account user;

    @BeforeAll
    void platform() {
        platform = TestPlatform.shared();
        user = platform.newAccount();
    }

    @AfterEach
    void communityAgain() {
        TestLicenses.removeLicense(platform);
    }

    private static String time(OffsetDateTime time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @Test
    void withoutALicenseTheCommunityTermsApply() {
        HttpProbe.Answer answer = user.api().get("/6/license");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode license = answer.json();
        assertThat(license.get("community").asBoolean()).isTrue();
        assertThat(license.get("license_id").asString()).isEqualTo("community");
        assertThat(license.get("expiration_time").isNull()).isTrue();
        assertThat(license.get("faces_limit").asLong()).isEqualTo(1_000_000);
        assertThat(license.get("features").toString())
                .isEqualTo("{\"liveness\":true,\"bodies\":true,\"index\":true,\"tasks\":true}");
        assertThat(license.get("usage").get("faces").asLong()).isNotNegative();
        assertThat(license.get("usage").get("faces_hard_limit").asLong()).isEqualTo(1_100_000);

        HttpProbe.Answer some = user.api().get("/6/license?targets=features,faces_limit");
        assertThat(some.json().propertyNames()).containsExactlyInAnyOrder("features", "faces_limit");
        HttpProbe.Answer bad = user.api().get("/6/license?targets=secret");
        assertThat(bad.status()).isEqualTo(400);
        assertLunaError(bad, 33006);
    }

    @Test
    void onlyTheAdminInstallsALicenseAndEveryServiceAppliesItAtOnce() {
        String file = TestLicenses.sign("--licensee", "ACME Test", "--id", "acme-e2e-1", "--faces-limit", "900000",
                "--features", "liveness,tasks", "--issued", time(now().minusDays(100)), "--expires",
                time(now().plusDays(5)));

        HttpProbe.Answer asUser = user.api().send("PUT", "/6/license", "application/json", file.getBytes());
        assertThat(asUser.status()).as(asUser.toString()).isEqualTo(403);
        assertLunaError(asUser, 33007);
        HttpProbe.Answer token = user.api().post("/6/accounts/tokens?grant_all_permissions=1", "{}");
        HttpProbe.Answer withToken = platform.api().with("Authorization", "Bearer " + token.json().get("token")
                .asString()).send("PUT", "/6/license", "application/json", file.getBytes());
        assertThat(withToken.status()).as("a token never holds account modification").isEqualTo(403);
        assertLunaError(withToken, 10004);
        assertThat(user.api().get("/6/license").json().get("community").asBoolean()).isTrue();

        HttpProbe.Answer installed = platform.admin().send("PUT", "/6/license", "application/json", file.getBytes());
        assertThat(installed.status()).as(installed.toString()).isEqualTo(200);
        assertThat(installed.json().get("license_id").asString()).isEqualTo("acme-e2e-1");

        JsonNode seen = user.api().get("/6/license").json();
        assertThat(seen.get("community").asBoolean()).isFalse();
        assertThat(seen.get("licensee").asString()).isEqualTo("ACME Test");
        assertThat(seen.get("faces_limit").asLong()).isEqualTo(900000);
        assertThat(seen.get("features").get("bodies").asBoolean()).isFalse();
        assertThat(seen.get("warnings").toString()).as("5 of 105 days left: under 15 %")
                .contains("expires on").contains("acme-e2e-1");
        JsonNode health = HttpProbe.onPort(platform.port("licenses-service")).get("/healthcheck").json();
        assertThat(health.get("status").asString()).isEqualTo("ok");
        assertThat(health.toString()).contains("\"name\":\"license\"").contains("expires on");

        // bodies are off: handlers-service refuses detect_body; liveness is on
        HttpProbe.Answer bodies = user.api().post("/6/sdk?detect_body=1", "image/jpeg", TestPhotos.sample(1));
        assertThat(bodies.status()).as(bodies.toString()).isEqualTo(403);
        assertLunaError(bodies, 33003);
        assertThat(bodies.json().get("detail").asString()).contains("'bodies'").contains("acme-e2e-1");
        assertThat(user.api().post("/6/sdk?estimate_liveness=1", "image/jpeg", TestPhotos.sample(1)).status())
                .isEqualTo(200);

        HttpProbe.Answer removed = platform.admin().send("DELETE", "/6/license");
        assertThat(removed.status()).isEqualTo(204);
        assertThat(user.api().get("/6/license").json().get("community").asBoolean()).isTrue();
        assertThat(user.api().post("/6/sdk?detect_body=1", "image/jpeg", TestPhotos.sample(1)).status())
                .as("the community terms license bodies").isEqualTo(200);
        HttpProbe.Answer again = platform.admin().send("DELETE", "/6/license");
        assertThat(again.status()).isEqualTo(404);
        assertLunaError(again, 33009);
    }

    @Test
    void featuresOffAreRefusedWhereTheyAreUsed() {
        install(TestLicenses.sign("--licensee", "No liveness", "--id", "no-liveness", "--features", "bodies,tasks"));

        HttpProbe.Answer v1 = user.api().post("/6/liveness", "image/jpeg", TestPhotos.sample(1));
        assertThat(v1.status()).as(v1.toString()).isEqualTo(403);
        assertLunaError(v1, 33003);
        assertThat(v1.json().get("detail").asString()).contains("'liveness'");
        HttpProbe.Answer v2 = user.api().post("/6/sdk?estimate_liveness=1", "image/jpeg", TestPhotos.sample(1));
        assertThat(v2.status()).isEqualTo(403);
        assertLunaError(v2, 33003);
        String handler = user.api().post("/6/handlers", "{\"policies\": {\"detect_policy\": {\"estimate_liveness\": "
                + "{\"estimate\": 1}}, \"storage_policy\": {\"event_policy\": {\"store_event\": 0}}}}")
                .json().get("handler_id").asString();
        HttpProbe.Answer events = user.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(events.status()).as(events.toString()).isEqualTo(403);
        assertLunaError(events, 33003);
        assertThat(user.api().post("/6/sdk", "image/jpeg", TestPhotos.sample(1)).status())
                .as("what the licence does not gate still works").isEqualTo(200);
    }

    @Test
    void withoutTasksInTheLicenceNoTaskIsCreated() {
        install(TestLicenses.sign("--licensee", "No tasks", "--id", "no-tasks", "--features", "liveness,bodies"));
        HttpProbe.Answer task = user.api().post("/6/tasks/exporter", "{\"content\": {\"objects_type\": \"faces\"}}");
        assertThat(task.status()).as(task.toString()).isEqualTo(403);
        assertLunaError(task, 33003);
        assertThat(task.json().get("detail").asString()).contains("'tasks'");
        assertThat(user.api().get("/6/tasks").status()).as("existing tasks are still read").isEqualTo(200);
    }

    @Test
    void tamperedForeignExpiredAndMalformedLicensesAreRefusedAndNothingChanges() {
        String valid = TestLicenses.sign("--licensee", "ACME", "--id", "acme-refused", "--faces-limit", "10");
        List<String[]> refused = new ArrayList<>();
        refused.add(new String[] {valid.replace("\"faces_limit\":10", "\"faces_limit\":10000000"), "33004"});
        refused.add(new String[] {valid.replace("\"index\":true", "\"index\":false"), "33004"});
        refused.add(new String[] {TestLicenses.signWithAnotherKey("--licensee", "ACME", "--id", "foreign"), "33004"});
        refused.add(new String[] {TestLicenses.sign("--licensee", "ACME", "--id", "expired", "--issued",
                "2020-01-01T00:00:00Z", "--expires", "2021-01-01T00:00:00Z"), "33001"});
        refused.add(new String[] {"{\"license\": {\"licensee\": \"ACME\"}, \"signature\": \"AAAA\"}", "33005"});
        refused.add(new String[] {"not json", "102"});
        for (String[] attempt : refused) {
            HttpProbe.Answer answer = platform.admin().send("PUT", "/6/license", "application/json",
                    attempt[0].getBytes());
            assertThat(answer.status()).as(attempt[0] + " → " + answer).isEqualTo(400);
            assertLunaError(answer, Integer.parseInt(attempt[1]));
        }
        assertThat(user.api().get("/6/license").json().get("community").asBoolean()).isTrue();
    }

    @Test
    void pastOneHundredTenPercentOfTheFacesLimitNoFaceGetsAttributes() {
        long used = user.api().get("/6/license?targets=usage").json().get("usage").get("faces").asLong();
        long limit = used + 10;
        long hardLimit = (long) Math.floor(limit * 1.1);
        install(TestLicenses.sign("--licensee", "Small", "--id", "small", "--faces-limit", Long.toString(limit)));

        List<String> faces = new ArrayList<>();
        for (long i = used; i < hardLimit; i++) {
            HttpProbe.Answer created = user.api().post("/6/faces", faceWithDescriptor((int) i));
            assertThat(created.status()).as("face " + (i + 1) + " of " + hardLimit + ": " + created).isEqualTo(201);
            faces.add(created.json().get("face_id").asString());
        }
        HttpProbe.Answer over = user.api().post("/6/faces", faceWithDescriptor(-1));
        assertThat(over.status()).as(over.toString()).isEqualTo(403);
        assertLunaError(over, 33002);
        assertThat(over.json().get("detail").asString()).contains("License limit exceeded").contains(
                Long.toString(hardLimit));

        // a face without attributes is not counted; giving it attributes is refused the same way
        HttpProbe.Answer bare = user.api().post("/6/faces", "{\"user_data\": \"no attributes\"}");
        assertThat(bare.status()).isEqualTo(201);
        String bareId = bare.json().get("face_id").asString();
        HttpProbe.Answer attach = user.api().send("PUT", "/6/faces/" + bareId + "/attributes", "application/json",
                faceWithDescriptor(-2).getBytes());
        assertThat(attach.status()).as(attach.toString()).isEqualTo(403);
        assertLunaError(attach, 33002);

        JsonNode license = user.api().get("/6/license").json();
        assertThat(license.get("usage").get("faces").asLong()).isEqualTo(hardLimit);
        assertThat(license.get("warnings").toString()).contains("License limit exceeded");
        assertThat(HttpProbe.onPort(platform.port("licenses-service")).get("/healthcheck").text())
                .contains("License limit exceeded");

        // deleting a face makes room again
        assertThat(user.api().send("DELETE", "/6/faces/" + faces.getFirst()).status()).isEqualTo(204);
        assertThat(user.api().send("PUT", "/6/faces/" + bareId + "/attributes", "application/json",
                faceWithDescriptor(-2).getBytes()).status()).isEqualTo(204);
        for (String face : faces.subList(1, faces.size())) {
            user.api().send("DELETE", "/6/faces/" + face);
        }
        user.api().send("DELETE", "/6/faces/" + bareId);
    }

    private void install(String file) {
        HttpProbe.Answer installed = platform.admin().send("PUT", "/6/license", "application/json", file.getBytes());
        assertThat(installed.status()).as(installed.toString()).isEqualTo(200);
    }

    /** A face body with one version-201 descriptor (512 float32, L2-normalised) made from a seed. */
    private static String faceWithDescriptor(int seed) {
        Random random = new Random(seed);
        float[] values = new float[512];
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
            norm += values[i] * values[i];
        }
        ByteBuffer buffer = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat((float) (value / Math.sqrt(norm)));
        }
        return "{\"descriptors\": [{\"version\": 201, \"data\": \"" + Base64.getEncoder().encodeToString(buffer.array())
                + "\"}]}";
    }
}
