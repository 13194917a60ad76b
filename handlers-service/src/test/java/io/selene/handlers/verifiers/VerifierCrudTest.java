package io.selene.handlers.verifiers;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Verifier CRUD, policy validation and the checks a verification makes before it needs Faces, this
 * service alone (real PostgreSQL). Verifications against stored faces, attributes and events are in
 * platform-launcher {@code io.selene.launcher.verifiers.VerifierEndToEndTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.handlers.store-samples=false")
class VerifierCrudTest {

    @Value("${local.server.port}")
    int port;

    private final UUID account = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();

    private HttpProbe as(UUID who) {
        return HttpProbe.internal(port, who);
    }

    private String create(UUID who, String body) {
        HttpProbe.Answer answer = as(who).post("/1/verifiers", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String id = answer.json().get("verifier_id").asString();
        assertThat(answer.json().get("url").asString()).isEqualTo("/6/verifiers/" + id);
        assertThat(answer.header("Location")).isEqualTo("/6/verifiers/" + id);
        return id;
    }

    private long count(UUID who) {
        HttpProbe.Answer answer = as(who).get("/1/verifiers/count");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("verifiers_count").asLong();
    }

    @Test
    void anEmptyVerifierGetsEveryDefault() {
        String id = create(account, "{}");

        HttpProbe.Answer answer = as(account).get("/1/verifiers/" + id);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode verifier = answer.json();
        assertThat(verifier.get("verifier_id").asString()).isEqualTo(id);
        assertThat(verifier.get("account_id").asString()).isEqualTo(account.toString());
        assertThat(verifier.get("description").asString()).isEmpty();
        assertThat(verifier.get("version").asInt()).isEqualTo(1);
        assertThat(verifier.get("create_time").asString()).isNotBlank();
        JsonNode policies = verifier.get("policies");
        assertThat(policies.get("verification_threshold").asDouble()).isEqualTo(0.9);
        JsonNode detect = policies.get("detect_policy");
        assertThat(detect.get("detect_face").asInt()).isEqualTo(1);
        assertThat(detect.get("multiface_policy").asInt()).isEqualTo(1);
        assertThat(detect.get("estimate_head_pose").asInt()).isZero();
        assertThat(detect.get("estimate_liveness").get("estimate").asInt()).isZero();
        assertThat(detect.get("yaw_threshold").isNull()).isTrue();
        assertThat(policies.get("extract_policy").get("extract_basic_attributes").asInt()).isZero();
        assertThat(policies.get("extract_policy").get("extract_face_descriptor").asInt()).isEqualTo(1);
        JsonNode storage = policies.get("storage_policy");
        assertThat(storage.get("face_sample_policy").get("store_sample").asInt()).isZero();
        assertThat(storage.get("attribute_policy").get("store_attribute").asInt()).isZero();
        assertThat(storage.get("attribute_policy").get("ttl").isNull()).isTrue();
        assertThat(as(account).send("HEAD", "/1/verifiers/" + id).status()).isEqualTo(200);
    }

    @Test
    void putReplacesDescriptionAndPoliciesAndDeleteRemoves() {
        String id = create(account, "{\"description\": \"door 1\", \"policies\": {\"verification_threshold\": 0.75,"
                + " \"detect_policy\": {\"multiface_policy\": 0, \"estimate_liveness\": {\"estimate\": 1},"
                + " \"yaw_threshold\": 30}}}");
        JsonNode before = as(account).get("/1/verifiers/" + id).json();
        assertThat(before.get("policies").get("verification_threshold").asDouble()).isEqualTo(0.75);
        assertThat(before.get("policies").get("detect_policy").get("yaw_threshold").asDouble()).isEqualTo(30);
        assertThat(before.get("policies").get("detect_policy").get("estimate_liveness").get("estimate").asInt())
                .isEqualTo(1);

        HttpProbe.Answer put = as(account).send("PUT", "/1/verifiers/" + id, "application/json",
                "{\"description\": \"door 2\", \"policies\": {\"extract_policy\": {\"extract_basic_attributes\": 1}}}"
                        .getBytes());

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("version").asInt()).isEqualTo(2);
        JsonNode after = as(account).get("/1/verifiers/" + id).json();
        assertThat(after.get("description").asString()).isEqualTo("door 2");
        assertThat(after.get("version").asInt()).isEqualTo(2);
        assertThat(after.get("policies").get("verification_threshold").asDouble()).isEqualTo(0.9);
        assertThat(after.get("policies").get("extract_policy").get("extract_basic_attributes").asInt()).isEqualTo(1);
        assertThat(after.get("create_time").asString()).isEqualTo(before.get("create_time").asString());

        assertThat(as(account).send("DELETE", "/1/verifiers/" + id).status()).isEqualTo(204);
        assertLunaError(as(account).get("/1/verifiers/" + id), 14240);
        assertThat(as(account).send("DELETE", "/1/verifiers/" + id).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountNeitherSeesNorChangesAVerifier() {
        UUID owner = UUID.randomUUID();
        String id = create(owner, "{\"description\": \"mine\"}");
        create(owner, "{\"description\": \"mine too\"}");

        assertLunaError(as(stranger).get("/1/verifiers/" + id), 14240);
        assertThat(as(stranger).send("HEAD", "/1/verifiers/" + id).status()).isEqualTo(404);
        assertLunaError(as(stranger).send("PUT", "/1/verifiers/" + id, "application/json",
                "{\"description\": \"taken over\"}".getBytes()), 14240);
        assertLunaError(as(stranger).send("DELETE", "/1/verifiers/" + id), 14240);
        assertLunaError(as(stranger).post("/1/verifiers/" + id + "/verifications?face_ids=" + UUID.randomUUID(),
                "image/jpeg", TestPhotos.sample(1)), 14240);
        assertThat(as(stranger).get("/1/verifiers").text()).doesNotContain(id);
        assertThat(count(stranger)).isZero();
        assertThat(as(stranger).get("/1/verifiers?account_id=" + owner).status()).isEqualTo(403);

        assertThat(count(owner)).isEqualTo(2);
        JsonNode mine = as(owner).get("/1/verifiers?page_size=1").json().get("verifiers");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("description").asString()).isEqualTo("mine too"); // newest first
        assertThat(as(owner).get("/1/verifiers?page=2&page_size=1").json().get("verifiers").get(0)
                .get("verifier_id").asString()).isEqualTo(id);
        assertThat(as(owner).get("/1/verifiers?description=too").json().get("verifiers")).hasSize(1);
        assertThat(as(owner).get("/1/verifiers/" + id).json().get("description").asString()).isEqualTo("mine");
    }

    @Test
    void badPoliciesAreRefusedNamingTheFieldAndNothingIsStored() {
        UUID who = UUID.randomUUID();
        refused(who, "{\"policies\": {\"detect_policy\": {\"colour\": 1}}}", 102, "policies.detect_policy.colour");
        refused(who, "{\"policies\": {\"verification_threshold\": 1.5}}", 102, "policies.verification_threshold");
        refused(who, "{\"policies\": {\"verification_threshold\": \"high\"}}", 102, "policies.verification_threshold");
        refused(who, "{\"policies\": {\"detect_policy\": {\"multiface_policy\": 3}}}", 102,
                "policies.detect_policy.multiface_policy");
        refused(who, "{\"policies\": {\"detect_policy\": {\"estimate_head_pose\": 2}}}", 102,
                "policies.detect_policy.estimate_head_pose");
        refused(who, "{\"policies\": {\"detect_policy\": {\"yaw_threshold\": 181}}}", 102,
                "policies.detect_policy.yaw_threshold");
        refused(who, "{\"policies\": {\"detect_policy\": {\"detect_face\": 0}}}", 102,
                "policies.detect_policy.detect_face");
        refused(who, "{\"policies\": {\"detect_policy\": {\"estimate_mask\": 1}}}", 14013,
                "policies.detect_policy.estimate_mask");
        refused(who, "{\"policies\": {\"extract_policy\": {\"extract_face_descriptor\": 0}}}", 102,
                "policies.extract_policy.extract_face_descriptor");
        refused(who, "{\"policies\": {\"storage_policy\": {\"face_sample_policy\": {\"store_sample\": 2}}}}", 102,
                "policies.storage_policy.face_sample_policy.store_sample");
        refused(who, "{\"policies\": {\"storage_policy\": {\"attribute_policy\": {\"ttl\": 0}}}}", 102,
                "policies.storage_policy.attribute_policy.ttl");
        refused(who, "{\"policies\": {\"storage_policy\": {\"event_policy\": {}}}}", 102,
                "policies.storage_policy.event_policy");
        refused(who, "{\"policies\": []}", 102, "policies");
        refused(who, "{\"description\": \"" + "x".repeat(129) + "\"}", 102, "description");
        refused(who, "{\"name\": \"door\"}", 102, "name");
        assertThat(as(who).post("/1/verifiers", "text/plain", "{}".getBytes()).status()).isEqualTo(415);
        assertLunaError(as(who).get("/1/verifiers?page_size=101"), 101);
        assertLunaError(as(who).get("/1/verifiers/not-a-uuid"), 101);
        // LUNA writes some switches as objects: a 0 there is accepted
        create(who, "{\"policies\": {\"detect_policy\": {\"estimate_mask\": 0, \"face_quality\": {\"estimate\": 0}}}}");
        assertThat(count(who)).isEqualTo(1);
    }

    private void refused(UUID who, String body, int code, String field) {
        HttpProbe.Answer answer = as(who).post("/1/verifiers", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertLunaError(answer, code);
        assertThat(answer.json().get("detail").asString()).contains(field);
        assertThat(count(who)).isZero();
    }

    @Test
    void aVerificationChecksItsQueryBeforeReadingAnything() {
        String id = create(account, "{}");
        String verify = "/1/verifiers/" + id + "/verifications";

        assertLunaError(as(account).post(verify, "image/jpeg", TestPhotos.sample(1)), 14241);
        StringBuilder eleven = new StringBuilder(UUID.randomUUID().toString());
        for (int i = 0; i < 10; i++) {
            eleven.append(',').append(UUID.randomUUID());
        }
        HttpProbe.Answer tooMany = as(account).post(verify + "?event_ids=" + eleven, "image/jpeg", TestPhotos.sample(1));
        assertLunaError(tooMany, 101);
        assertThat(tooMany.json().get("detail").asString()).contains("event_ids");
        HttpProbe.Answer badId = as(account).post(verify + "?face_ids=12345", "image/jpeg", TestPhotos.sample(1));
        assertLunaError(badId, 101);
        assertThat(badId.json().get("detail").asString()).contains("face_ids");
        assertLunaError(as(account).post(verify + "?face_ids=" + UUID.randomUUID() + "&image_type=3", "image/jpeg",
                TestPhotos.sample(1)), 101);
        assertLunaError(as(account).post(verify + "?face_ids=" + UUID.randomUUID() + "&face_ids=" + UUID.randomUUID(),
                "image/jpeg", TestPhotos.sample(1)), 101);
        assertLunaError(as(account).post("/1/verifiers/" + UUID.randomUUID() + "/verifications?face_ids="
                + UUID.randomUUID(), "image/jpeg", TestPhotos.sample(1)), 14240);
        assertLunaError(as(account).post(verify + "?face_ids=" + UUID.randomUUID(), "text/plain", "x".getBytes()),
                12024);
    }
}
