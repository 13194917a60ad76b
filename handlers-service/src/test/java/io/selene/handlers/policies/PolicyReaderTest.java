package io.selene.handlers.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.selene.commons.error.LunaException;
import io.selene.vision.Estimation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Policy reading alone: defaults, round trip, and each class of mistake naming its field. */
class PolicyReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PolicyReader reader = new PolicyReader();

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private LunaException refusal(String policies) {
        try {
            reader.read(json(policies), "policies");
        } catch (LunaException e) {
            return e;
        }
        throw new AssertionError("accepted: " + policies);
    }

    @Test
    void emptyPoliciesAreLunaDefaults() {
        HandlerPolicies p = reader.read(json("{}"), "policies");
        assertThat(p).isEqualTo(reader.read(null, "policies")).isEqualTo(HandlerPolicies.defaults());
        assertThat(p.detectPolicy().estimations()).containsExactly(Estimation.FACE_DETECTION);
        assertThat(p.detectPolicy().multifacePolicy()).isEqualTo(1);
        assertThat(p.detectPolicy().livenessStates()).isEmpty();
        assertThat(p.extractPolicy().descriptor()).isFalse();
        assertThat(p.matchPolicy()).isEmpty();
        assertThat(p.storagePolicy().faceSamplePolicy().storeSample()).isEqualTo(1);
        assertThat(p.storagePolicy().bodySamplePolicy().storeSample()).isZero();
        assertThat(p.storagePolicy().eventPolicy().storeEvent()).isEqualTo(1);
        assertThat(p.storagePolicy().notificationPolicy().sendNotification()).isEqualTo(1);
        assertThat(p.storagePolicy().facePolicy().setSampleAsAvatar()).isEqualTo(1);
        assertThat(p.storagePolicy().eventPolicy().filters()).isSameAs(EventFilters.NONE);
        assertThat(p.conditionalTagsPolicy()).isEmpty();
    }

    @Test
    void writtenPoliciesReadBackIdentical() {
        String full = """
                {'detect_policy': {'estimate_emotions': 1, 'estimate_liveness': {'estimate': 1, 'liveness_threshold': 0.6},
                   'liveness_states': [1, 'unknown'], 'yaw_threshold': 30, 'multiface_policy': 0},
                 'extract_policy': {'extract_face_descriptor': 1, 'extract_basic_attributes': 1, 'fd_score_threshold': 0.5},
                 'match_policy': [{'label': 'vip', 'candidates': {'origin': 'faces', 'list_id': '6f3c1a52-3d6a-4b43-8a43-0d5c1c6f2a11'},
                   'threshold': 0.7, 'limit': 5, 'targets': ['face_id', 'similarity'],
                   'filters': {'liveness': ['real']}}],
                 'storage_policy': {'face_policy': {'store_face': 1, 'link_to_lists_policy': [
                     {'list_id': '6f3c1a52-3d6a-4b43-8a43-0d5c1c6f2a11', 'filters': {'match': [{'label': 'vip', 'similarity__lt': 0.7}]}}]},
                   'attribute_policy': {'store_attribute': 1, 'ttl': 60},
                   'event_policy': {'filters': {'age__gte': 18, 'gender': 1, 'emotions': [4]}}},
                 'conditional_tags_policy': [{'tag': 'adult', 'filters': {'age__gte': 18}}]}""";
        HandlerPolicies p = reader.read(json(full), "policies");
        assertThat(p.detectPolicy().livenessStates()).containsExactly("real", "unknown");
        assertThat(p.storagePolicy().eventPolicy().filters().fields().value("emotions")).contains(List.of("happiness"));
        assertThat(p.matchPolicy().getFirst().limit()).isEqualTo(5);
        JsonNode written = reader.write(p);
        assertThat(reader.read(written, "policies")).isEqualTo(p);
        assertThat(written.path("match_policy").get(0).path("candidates").path("origin").asString()).isEqualTo("faces");
        assertThat(written.path("detect_policy").path("yaw_threshold").doubleValue()).isEqualTo(30.0);
        assertThat(written.path("detect_policy").path("pitch_threshold").isNull()).isTrue();
    }

    @Test
    void eachMistakeNamesItsField() {
        expectField("{'detect_policy': {'detect_fase': 1}}", 102, "policies.detect_policy.detect_fase");
        expectField("{'detect_policy': {'detect_face': 2}}", 102, "policies.detect_policy.detect_face");
        expectField("{'detect_policy': {'detect_face': '1'}}", 102, "policies.detect_policy.detect_face");
        expectField("{'detect_policy': {'yaw_threshold': 181}}", 102, "policies.detect_policy.yaw_threshold");
        expectField("{'detect_policy': {'multiface_policy': 3}}", 102, "policies.detect_policy.multiface_policy");
        expectField("{'detect_policy': {'detect_face': 0}}", 102, "policies.detect_policy.detect_face");
        expectField("{'detect_policy': {'liveness_states': ['real']}}", 102, "policies.detect_policy.liveness_states");
        expectField("{'detect_policy': {'estimate_liveness': {'estimate': 1}, 'liveness_states': ['alive']}}", 102,
                "policies.detect_policy.liveness_states[0]");
        expectField("{'extract_policy': {'fd_score_threshold': 1.5}}", 102, "policies.extract_policy.fd_score_threshold");
        expectField("{'extract_policy': {'extract_face_descriptor': 1}, 'match_policy': [{'label': 'a', "
                + "'candidates': {'origin': 'people'}}]}", 102, "policies.match_policy[0].candidates.origin");
        expectField("{'extract_policy': {'extract_face_descriptor': 1}, 'match_policy': [{'label': 'a', "
                + "'candidates': {'origin': 'faces', 'list_id': 'x'}}]}", 102, "policies.match_policy[0].candidates.list_id");
        expectField("{'extract_policy': {'extract_face_descriptor': 1}, 'match_policy': [{'label': 'a', "
                + "'candidates': {'origin': 'faces'}, 'limit': 0}]}", 102, "policies.match_policy[0].limit");
        expectField("{'extract_policy': {'extract_face_descriptor': 1}, 'match_policy': [{'label': 'a', "
                + "'candidates': {'origin': 'faces'}, 'threshold': -0.1}]}", 102, "policies.match_policy[0].threshold");
        expectField("{'extract_policy': {'extract_face_descriptor': 1}, 'match_policy': [{'label': '', "
                + "'candidates': {'origin': 'faces'}}]}", 102, "policies.match_policy[0].label");
        expectField("{'extract_policy': {'extract_face_descriptor': 1}, 'match_policy': [{'label': 'a', "
                + "'candidates': {'origin': 'faces'}}, {'label': 'a', 'candidates': {'origin': 'faces'}}]}", 102,
                "policies.match_policy[1].label");
        expectField("{'match_policy': [{'label': 'a', 'candidates': {'origin': 'faces'}}]}", 102,
                "policies.match_policy");
        expectField("{'storage_policy': {'face_policy': {'store_face': 1}}}", 102,
                "policies.storage_policy.face_policy.store_face");
        expectField("{'storage_policy': {'face_policy': {'link_to_lists_policy': "
                + "[{'list_id': '6f3c1a52-3d6a-4b43-8a43-0d5c1c6f2a11'}]}}}", 102,
                "policies.storage_policy.face_policy.link_to_lists_policy");
        expectField("{'storage_policy': {'attribute_policy': {'ttl': 0}}}", 102, "policies.storage_policy.attribute_policy.ttl");
        expectField("{'storage_policy': {'event_policy': {'filters': {'age__gte': -1}}}}", 102,
                "policies.storage_policy.event_policy.filters.age__gte");
        expectField("{'storage_policy': {'event_policy': {'filters': {'height__gte': 1}}}}", 102,
                "policies.storage_policy.event_policy.filters.height__gte");
        expectField("{'storage_policy': {'event_policy': {'filters': {'match': [{'label': 'nobody'}]}}}}", 102,
                "policies.storage_policy.event_policy.filters.match");
        expectField("{'conditional_tags_policy': [{'tag': 'x'}, {'tag': '" + "t".repeat(37) + "'}]}", 102,
                "policies.conditional_tags_policy[1].tag");
        expectField("{'conditional_tags_policy': [" + "{'tag': 'x'},".repeat(32) + "{'tag': 'y'}]}", 102,
                "policies.conditional_tags_policy");
        expectField("{'detect_polisy': {}}", 102, "policies.detect_polisy");
        expectField("[]", 102, "policies");
    }

    @Test
    void httpCallbacksAreReadWithTheirDefaultsAndEachMistakeNamesItsField() {
        HandlerPolicies p = reader.read(json("{'storage_policy': {'callbacks': [{'type': 'http', "
                + "'url': 'https://hooks.example.com/selene?x=1', 'secret': 'sixteen-chars-ok', "
                + "'filters': {'age__gte': 18}}]}}"), "policies");
        Callback callback = p.storagePolicy().callbacks().getFirst();
        assertThat(callback.url()).isEqualTo("https://hooks.example.com/selene?x=1");
        assertThat(callback.secret()).isEqualTo("sixteen-chars-ok");
        assertThat(callback.enable()).isEqualTo(1);
        assertThat(callback.timeout()).isEqualTo(10);
        assertThat(callback.wants(json("{'face_attributes': {'basic_attributes': {'age': 30}}}"))).isTrue();
        assertThat(callback.wants(json("{'face_attributes': {'basic_attributes': {'age': 12}}}"))).isFalse();
        // written (with the secret: it is what the row keeps) and read back identical; a GET's delivery is ignored
        JsonNode written = reader.write(p);
        ((tools.jackson.databind.node.ObjectNode) written.get("storage_policy").get("callbacks").get(0))
                .putObject("delivery").put("delivered", 3);
        assertThat(reader.read(written, "policies")).isEqualTo(p);

        String ok = "'url': 'http://127.0.0.1:8080/h', 'secret': 'sixteen-chars-ok'";
        expectField("{'storage_policy': {'callbacks': [{'type': 'luna-ws-notification', " + ok + "}]}}", 14202,
                "policies.storage_policy.callbacks[0].type");
        expectField("{'storage_policy': {'callbacks': [{" + ok + "}]}}", 102, "policies.storage_policy.callbacks[0].type");
        for (String url : List.of("ftp://x/h", "/relative", "http://user:pw@x/h", "http://x/h#frag", "not a url")) {
            expectField("{'storage_policy': {'callbacks': [{'type': 'http', 'url': '" + url
                    + "', 'secret': 'sixteen-chars-ok'}]}}", 102, "policies.storage_policy.callbacks[0].url");
        }
        expectField("{'storage_policy': {'callbacks': [{'type': 'http', 'url': 'http://x/h'}]}}", 102,
                "policies.storage_policy.callbacks[0].secret");
        expectField("{'storage_policy': {'callbacks': [{'type': 'http', 'url': 'http://x/h', 'secret': 'short'}]}}",
                102, "policies.storage_policy.callbacks[0].secret");
        expectField("{'storage_policy': {'callbacks': [{'type': 'http', " + ok + ", 'timeout': 61}]}}", 102,
                "policies.storage_policy.callbacks[0].timeout");
        expectField("{'storage_policy': {'callbacks': [{'type': 'http', " + ok + ", 'filters': {'age__gte': -1}}]}}",
                102, "policies.storage_policy.callbacks[0].filters.age__gte");
        expectField("{'storage_policy': {'callbacks': [{'type': 'http', " + ok + ", 'headers': {}}]}}", 102,
                "policies.storage_policy.callbacks[0].headers");
        expectField("{'storage_policy': {'callbacks': [" + ("{'type': 'http', " + ok + "},").repeat(10)
                + "{'type': 'http', " + ok + "}]}}", 102, "policies.storage_policy.callbacks");
    }

    @Test
    void estimationsWithoutAModelAreRefusedLikeTheDetectorDoes() {
        expectField("{'detect_policy': {'estimate_mask': 1}}", 14013, "policies.detect_policy.estimate_mask");
        expectField("{'detect_policy': {'estimate_quality': 1}}", 14013, "policies.detect_policy.estimate_quality");
        expectField("{'detect_policy': {'estimate_deepfake': {'estimate': 1}}}", 14013,
                "policies.detect_policy.estimate_deepfake.estimate");
        expectField("{'detect_policy': {'body_attributes': {'estimate_upper_body': 1}}}", 14013,
                "policies.detect_policy.body_attributes.estimate_upper_body");
        expectField("{'detect_policy': {'mask_states': [1]}}", 14013, "policies.detect_policy.mask_states");
        expectField("{'extract_policy': {'extract_body_descriptor': 1}}", 14013,
                "policies.extract_policy.extract_body_descriptor");
        // an estimation that is off may be named
        assertThat(reader.read(json("{'detect_policy': {'estimate_mask': 0, 'estimate_deepfake': {'estimate': 0}}}"),
                "policies").detectPolicy().estimations()).doesNotContain(Estimation.MASK);
    }

    private void expectField(String policies, int code, String field) {
        LunaException e = refusal(policies);
        assertThat(e.errorCode()).as(e.detail()).isEqualTo(code);
        assertThat(e.status().value()).isEqualTo(400);
        assertThat(e.detail()).as(policies).contains("'" + field + "'");
    }

    @Test
    void unknownFieldIsRefusedEvenWhenEverythingElseIsFine() {
        assertThatThrownBy(() -> reader.read(json("{'storage_policy': {'event_policy': {'store_event': 1, 'x': 1}}}"),
                "policies")).isInstanceOf(LunaException.class)
                .hasMessageContaining("policies.storage_policy.event_policy.x");
    }
}
