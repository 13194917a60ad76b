package io.selene.commons.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.json.JsonFields;
import io.selene.commons.query.FilterSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Catalogue filters on an event's JSON: the same filter read from a subscription's query and from a
 * policy's JSON means the same events, estimations found in face_attributes or a detection alike.
 */
class JsonConditionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FilterSpec SUBSCRIPTION = EventFields.CATALOGUE.declare(FilterSpec.unpaged(), Use.SUBSCRIPTION);

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonConditions query(String... pairs) {
        Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], new String[] {pairs[i + 1]});
        }
        return JsonConditions.of(EventFields.CATALOGUE, Use.SUBSCRIPTION, SUBSCRIPTION.parse(parameters,
                Clock.systemUTC()));
    }

    private static JsonConditions policy(String filters) {
        JsonFields object = JsonFields.of(json(filters), "filters");
        JsonConditions read = JsonConditions.read(EventFields.CATALOGUE, Use.POLICY, object, 100);
        object.finish();
        return read;
    }

    /** Basic attributes aggregated on the event, emotions left in its detection (as handlers make them). */
    private static final JsonNode EVENT = json("""
            {'source': 'cam1', 'tags': ['vip'], 'stream_id': '5b0bd1b4-3f0c-4a3e-9d54-2c1bde6a8e11',
             'face_attributes': {'basic_attributes': {'age': 43.4, 'gender': 0.8}},
             'detections': [{'samples': {'face': {'detection': {'attributes': {
                 'emotions': {'predominant_emotion': 'happiness'}}}}}}],
             'top_match': {'label': 'vip', 'similarity': 0.91}}""");

    @Test
    void subscriptionFiltersHoldOnTheEventAsMade() {
        assertThat(query().test(EVENT)).isTrue();
        assertThat(query("sources", "cam2,cam1", "tags", "x,vip", "age__gte", "40", "gender", "1").test(EVENT)).isTrue();
        assertThat(query("emotions", "4").test(EVENT)).as("happiness by its code, found in the detection").isTrue();
        assertThat(query("emotions", "anger").test(EVENT)).isFalse();
        assertThat(query("stream_ids", UUID.randomUUID().toString()).test(EVENT)).isFalse();
        assertThat(query("stream_ids", "5b0bd1b4-3f0c-4a3e-9d54-2c1bde6a8e11").test(EVENT)).isTrue();
        assertThat(query("liveness", "real").test(EVENT)).as("not estimated").isFalse();
        UUID handler = UUID.randomUUID();
        assertThat(query("handler_ids", handler.toString()).test(EVENT, Map.of("handler_id", handler)))
                .as("the handler comes with the message").isTrue();
    }

    @Test
    void valuesOutsideAFieldsRangeAreRefused() {
        assertThatThrownBy(() -> query("age__gte", "300")).isInstanceOf(LunaException.class)
                .hasMessageContaining("age__*");
        assertThatThrownBy(() -> query("gender", "2")).isInstanceOf(LunaException.class)
                .hasMessageContaining("gender");
    }

    @Test
    void policyFiltersReadTheSameWayAndWriteBackTheirLunaNames() {
        JsonConditions filters = policy("{'age__gte': 18, 'gender': 1, 'emotions': [4, 'happiness'],"
                + " 'top_matching_candidates_label': 'vip', 'top_similar_object_similarity__gt': 0.9}");
        assertThat(filters.test(EVENT)).isTrue();
        ObjectNode written = JSON.createObjectNode();
        filters.write(written);
        assertThat(written).isEqualTo(json("{'age__gte': 18.0, 'gender': 1, 'emotions': ['happiness'],"
                + " 'top_matching_candidates_label': 'vip', 'top_similar_object_similarity__gt': 0.9}"));
        assertThat(policy(written.toString())).isEqualTo(filters);
        assertThat(policy("{'top_similar_object_similarity__gt': 0.95}").test(EVENT)).isFalse();
        assertThatThrownBy(() -> policy("{'masks': [9]}")).isInstanceOf(LunaException.class)
                .hasMessageContaining("'filters.masks[0]'");
        assertThatThrownBy(() -> policy("{'stream_ids': ['x']}")).as("not a policy filter")
                .isInstanceOf(LunaException.class).hasMessageContaining("'filters.stream_ids': unknown field");
    }
}
