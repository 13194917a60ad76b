package io.selene.handlers.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** /1/handlers on this service alone, with real PostgreSQL, as the gateway calls it (account headers). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.handlers.store-samples=false")
class HandlersApiTest {

    /** Candidates by face ids: a list id would be looked up in faces-service, which this module test does not run. */
    private static final String FACE = "6f3c1a52-3d6a-4b43-8a43-0d5c1c6f2a11";
    private static final String MATCHING = """
            {"description": "entrance", "policies": {
               "detect_policy": {"estimate_emotions": 1},
               "extract_policy": {"extract_face_descriptor": 1},
               "match_policy": [{"label": "vip", "candidates": {"origin": "faces", "face_ids": ["%s"]}, "limit": 2}],
               "storage_policy": {"event_policy": {"filters": {"match": [{"label": "vip", "similarity__gte": 0.8}]}}}}}"""
            .formatted(FACE);

    @Value("${local.server.port}")
    int port;

    private final UUID account = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    private HttpProbe as(UUID who) {
        return HttpProbe.internal(port, who);
    }

    private String create(UUID who, String body) {
        HttpProbe.Answer answer = as(who).post("/1/handlers", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String id = answer.json().get("handler_id").asString();
        assertThat(answer.json().get("url").asString()).isEqualTo("/6/handlers/" + id);
        assertThat(answer.header("Location")).isEqualTo("/6/handlers/" + id);
        return id;
    }

    private JsonNode get(UUID who, String id) {
        HttpProbe.Answer answer = as(who).get("/1/handlers/" + id);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private long count(UUID who, String query) {
        HttpProbe.Answer answer = as(who).get("/1/handlers/count" + query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("handlers_count").asLong();
    }

    private List<String> ids(UUID who, String query) {
        HttpProbe.Answer answer = as(who).get("/1/handlers" + query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("handlers").forEach(h -> ids.add(h.get("handler_id").asString()));
        return ids;
    }

    private static void refused(HttpProbe.Answer answer, int status, int code, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.json().get("error_code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.json().get("detail").asString()).contains(field);
    }

    @Test
    void createdHandlerReadsBackWithEveryDefaultFilled() {
        String id = create(account, MATCHING);

        JsonNode handler = get(account, id);
        assertThat(handler.get("handler_id").asString()).isEqualTo(id);
        assertThat(handler.get("account_id").asString()).isEqualTo(account.toString());
        assertThat(handler.get("description").asString()).isEqualTo("entrance");
        assertThat(handler.get("is_dynamic").asBoolean()).isFalse();
        assertThat(handler.get("create_time").asString()).isEqualTo(handler.get("last_update_time").asString());
        JsonNode policies = handler.get("policies");
        assertThat(policies.at("/detect_policy/detect_face").asInt()).isEqualTo(1);
        assertThat(policies.at("/detect_policy/estimate_emotions").asInt()).isEqualTo(1);
        assertThat(policies.at("/detect_policy/multiface_policy").asInt()).isEqualTo(1);
        assertThat(policies.at("/detect_policy/estimate_liveness/estimate").asInt()).isZero();
        assertThat(policies.at("/detect_policy/yaw_threshold").isNull()).isTrue();
        assertThat(policies.at("/extract_policy/extract_basic_attributes").asInt()).isZero();
        assertThat(policies.at("/extract_policy/fd_score_threshold").asDouble()).isZero();
        assertThat(policies.at("/match_policy/0/candidates/face_ids/0").asString()).isEqualTo(FACE);
        assertThat(policies.at("/match_policy/0/limit").asInt()).isEqualTo(2);
        assertThat(policies.at("/match_policy/0/threshold").isNull()).isTrue();
        assertThat(policies.at("/storage_policy/face_sample_policy/store_sample").asInt()).isEqualTo(1);
        assertThat(policies.at("/storage_policy/body_sample_policy/store_sample").asInt()).isZero();
        assertThat(policies.at("/storage_policy/image_origin_policy/store_image").asInt()).isZero();
        assertThat(policies.at("/storage_policy/attribute_policy/store_attribute").asInt()).isZero();
        assertThat(policies.at("/storage_policy/face_policy/store_face").asInt()).isZero();
        assertThat(policies.at("/storage_policy/face_policy/set_sample_as_avatar").asInt()).isEqualTo(1);
        assertThat(policies.at("/storage_policy/event_policy/store_event").asInt()).isEqualTo(1);
        assertThat(policies.at("/storage_policy/event_policy/wait_saving").asInt()).isZero();
        assertThat(policies.at("/storage_policy/event_policy/filters/match/0/similarity__gte").asDouble())
                .isEqualTo(0.8);
        assertThat(policies.at("/storage_policy/notification_policy/send_notification").asInt()).isEqualTo(1);
        assertThat(policies.get("conditional_tags_policy")).isEmpty();

        assertThat(as(account).send("HEAD", "/1/handlers/" + id).status()).isEqualTo(200);
        // what GET answers is accepted back as is
        assertThat(as(account).post("/1/handlers/validator", "{\"policies\": " + policies + "}").status()).isEqualTo(200);
    }

    @Test
    void putReplacesEverythingAndDeleteRemoves() {
        String id = create(account, MATCHING);
        JsonNode before = get(account, id);

        HttpProbe.Answer put = as(account).send("PUT", "/1/handlers/" + id, "application/json",
                "{\"description\": \"exit\", \"policies\": {\"detect_policy\": {\"detect_landmarks68\": 1}}}".getBytes());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        JsonNode after = get(account, id);
        assertThat(after.get("description").asString()).isEqualTo("exit");
        assertThat(after.at("/policies/detect_policy/detect_landmarks68").asInt()).isEqualTo(1);
        assertThat(after.at("/policies/detect_policy/estimate_emotions").asInt()).as("replaced, not merged").isZero();
        assertThat(after.at("/policies/match_policy")).isEmpty();
        assertThat(after.get("create_time")).isEqualTo(before.get("create_time"));
        assertThat(OffsetDateTime.parse(after.get("last_update_time").asString()))
                .isAfterOrEqualTo(OffsetDateTime.parse(before.get("create_time").asString()));
        assertThat(put.json()).isEqualTo(after);

        assertThat(as(account).send("DELETE", "/1/handlers/" + id).status()).isEqualTo(204);
        refused(as(account).get("/1/handlers/" + id), 404, 14200, id);
        refused(as(account).send("DELETE", "/1/handlers/" + id), 404, 14200, id);
        assertThat(as(account).send("HEAD", "/1/handlers/" + id).status()).isEqualTo(404);
        refused(as(account).send("PUT", "/1/handlers/" + id, "application/json", "{}".getBytes()), 404, 14200, id);
    }

    @Test
    void dynamicHandlerHasNoPolicies() {
        String id = create(account, "{\"description\": \"ad hoc\", \"is_dynamic\": true}");
        JsonNode handler = get(account, id);
        assertThat(handler.get("is_dynamic").asBoolean()).isTrue();
        assertThat(handler.get("policies").isNull()).isTrue();
        refused(as(account).post("/1/handlers", "{\"is_dynamic\": true, \"policies\": {}}"), 400, 102, "'policies'");
        assertThat(ids(account, "?is_dynamic=1")).containsExactly(id);
        assertThat(ids(account, "?is_dynamic=0")).isEmpty();
    }

    @Test
    void listsAndCountsArePagedNewestFirstAndFiltered() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(create(account, "{\"description\": \"door " + i + "\"}"));
        }
        assertThat(ids(account, "")).containsExactly(made.get(2), made.get(1), made.get(0));
        assertThat(ids(account, "?page=1&page_size=2")).containsExactly(made.get(2), made.get(1));
        assertThat(ids(account, "?page=2&page_size=2")).containsExactly(made.get(0));
        assertThat(ids(account, "?page=3&page_size=2")).isEmpty();
        assertThat(ids(account, "?description=door%201")).containsExactly(made.get(1));
        assertThat(ids(account, "?handler_ids=" + made.get(0) + "," + made.get(2))).containsExactly(made.get(2), made.get(0));
        assertThat(count(account, "")).isEqualTo(3);
        assertThat(count(account, "?description=door")).isEqualTo(3);
        assertThat(count(account, "?handler_ids=" + made.get(1))).isEqualTo(1);

        refused(as(account).get("/1/handlers?page_size=101"), 400, 101, "page_size");
        refused(as(account).get("/1/handlers?page_size=0"), 400, 101, "page_size");
        refused(as(account).get("/1/handlers?page=0"), 400, 101, "page");
        refused(as(account).get("/1/handlers?page=x"), 400, 101, "page");
        refused(as(account).get("/1/handlers?colour=red"), 400, 101, "colour");
        refused(as(account).get("/1/handlers?handler_ids=nope"), 400, 101, "handler_ids");
        refused(as(account).get("/1/handlers/count?page=1"), 400, 101, "page");
        refused(as(account).get("/1/handlers/not-a-uuid"), 400, 101, "handler_id");
    }

    @Test
    void anotherAccountsHandlerIsNotFoundAndNeverListed() {
        String id = create(account, MATCHING);
        refused(as(other).get("/1/handlers/" + id), 404, 14200, id);
        assertThat(as(other).send("HEAD", "/1/handlers/" + id).status()).isEqualTo(404);
        refused(as(other).send("PUT", "/1/handlers/" + id, "application/json", "{\"description\": \"mine\"}".getBytes()),
                404, 14200, id);
        refused(as(other).send("DELETE", "/1/handlers/" + id), 404, 14200, id);
        assertThat(ids(other, "")).isEmpty();
        assertThat(ids(other, "?handler_ids=" + id)).isEmpty();
        assertThat(count(other, "")).isZero();
        refused(as(other).get("/1/handlers?account_id=" + account), 403, 12042, account.toString());
        // untouched for its owner
        assertThat(get(account, id).get("description").asString()).isEqualTo("entrance");
    }

    @Test
    void nobodyGeneratesEventsWithAnotherAccountsHandlerEvenWhenAllowedToReadIt() {
        String id = create(account, MATCHING);
        HttpProbe reader = as(other).with("X-Selene-Visibility", "all");
        assertThat(reader.get("/1/handlers/" + id).status()).as("visibility all reads it").isEqualTo(200);
        for (HttpProbe stranger : List.of(as(other), reader)) {
            refused(stranger.post("/1/handlers/" + id + "/events", "image/jpeg", TestPhotos.sample(1)), 404, 14200, id);
            refused(stranger.post("/1/handlers/" + id + "/events/raw", "{\"events\": [{\"source\": \"x\"}]}"), 404,
                    14200, id);
        }
        refused(reader.send("DELETE", "/1/handlers/" + id), 404, 14200, id);
        assertThat(get(account, id).get("description").asString()).isEqualTo("entrance");
    }

    @Test
    void badPoliciesAreRefusedNamingTheFieldAndNothingIsStored() {
        refused(as(account).post("/1/handlers", "{\"policies\": {\"match_policy\": [{\"label\": \"a\", "
                + "\"candidates\": {\"origin\": \"faces\"}}]}}"), 400, 102, "policies.match_policy");
        refused(as(account).post("/1/handlers", "{\"policies\": {\"detect_policy\": {\"yaw_threshold\": 200}}}"),
                400, 102, "policies.detect_policy.yaw_threshold");
        refused(as(account).post("/1/handlers", "{\"policies\": {\"detect_policy\": {\"estimate_mask\": 1}}}"),
                400, 14013, "policies.detect_policy.estimate_mask");
        refused(as(account).post("/1/handlers", "{\"policies\": {\"extract_policy\": {\"extract_body_descriptor\": 1}}}"),
                400, 14013, "policies.extract_policy.extract_body_descriptor");
        refused(as(account).post("/1/handlers", "{\"policies\": {\"storage_policy\": {\"face_policy\": "
                + "{\"store_face\": 1}}}}"), 400, 102, "policies.storage_policy.face_policy.store_face");
        refused(as(account).post("/1/handlers", "{\"policies\": {\"storage_policy\": {\"event_policy\": "
                + "{\"filters\": {\"weight__gte\": 1}}}}}"), 400, 102, "policies.storage_policy.event_policy.filters.weight__gte");
        refused(as(account).post("/1/handlers", "{\"description\": \"" + "d".repeat(129) + "\"}"), 400, 102, "'description'");
        refused(as(account).post("/1/handlers", "{\"policy\": {}}"), 400, 102, "'policy'");
        refused(as(account).post("/1/handlers", "[]"), 400, 102, "JSON object");
        refused(as(account).post("/1/handlers", "{\"is_dynamic\": \"yes\"}"), 400, 102, "'is_dynamic'");
        assertThat(count(account, "")).isZero();

        String id = create(account, MATCHING);
        refused(as(account).send("PUT", "/1/handlers/" + id, "application/json",
                "{\"policies\": {\"detect_policy\": {\"estimate_gaze\": 1}}}".getBytes()), 400, 14013,
                "policies.detect_policy.estimate_gaze");
        assertThat(get(account, id).get("description").asString()).as("unchanged").isEqualTo("entrance");
        assertThat(count(account, "")).isEqualTo(1);
    }

    @Test
    void validatorChecksWithoutStoring() {
        HttpProbe.Answer good = as(account).post("/1/handlers/validator", MATCHING.replace("\"description\": \"entrance\", ", ""));
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.body()).isEmpty();
        assertThat(as(account).post("/1/handlers/validator", "{}").status()).isEqualTo(200);
        refused(as(account).post("/1/handlers/validator", "{\"policies\": {\"match_policy\": [{\"label\": \"a\", "
                + "\"candidates\": {\"origin\": \"faces\"}, \"limit\": 1001}]}}"), 400, 102, "policies.match_policy[0].limit");
        refused(as(account).post("/1/handlers/validator", "{\"policies\": {\"detect_policy\": {\"estimate_glasses\": 1}}}"),
                400, 14013, "policies.detect_policy.estimate_glasses");
        refused(as(account).post("/1/handlers/validator", "{\"description\": \"x\"}"), 400, 102, "'description'");
        assertThat(count(account, "")).isZero();
    }
}
