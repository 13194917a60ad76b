package io.selene.tasks.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.selene.commons.error.LunaException;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.Field;
import io.selene.commons.json.JsonFields;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a task selects and reads of faces and events comes from the field catalogues. */
class SelectionAndColumnsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static Selection read(String content) {
        return Selection.read(JsonFields.of(json(content), "content"), "objects_type", Selection.FACES,
                Selection.EVENTS);
    }

    private static String refusal(String content) {
        try {
            read(content);
        } catch (LunaException e) {
            assertThat(e.errorCode()).isEqualTo(102);
            return e.detail();
        }
        throw new AssertionError("not refused: " + content);
    }

    @Test
    void filtersAreTheSearchFiltersOfTheObjectsCatalogue() {
        Selection events = read("{'objects_type': 'events', 'filters': {'stream_ids': ['a'], 'age__gte': 20,"
                + " 'create_time__lt': 'now-1d', 'emotions': 'happiness'}}");
        assertThat(events.query()).containsKeys("stream_ids", "age__gte", "create_time__lt", "emotions");
        Selection faces = read("{'filters': {'list_id': 'x', 'external_ids': ['e1', 'e2'], 'create_time__gte': 't'}}");
        assertThat(faces.faces()).isTrue();

        assertThat(refusal("{'objects_type': 'events', 'filters': {'colour': 'red'}}"))
                .isEqualTo("Bad field 'content.filters.colour': not a filter of GET /6/events");
        // a filter of events is not one of faces
        assertThat(refusal("{'objects_type': 'faces', 'filters': {'stream_ids': ['a']}}"))
                .startsWith("Bad field 'content.filters.stream_ids': not a filter");
        assertThat(refusal("{'filters': {'account_id': 'x'}}")).startsWith("Bad field 'content.filters.account_id'");
        assertThat(refusal("{'filters': {'face_id__gte': 'x'}}")).contains("the task's own");
        assertThat(refusal("{'objects_type': 'events', 'filters': {'event_id__lt': 'x'}}")).contains("the task's own");
        assertThat(refusal("{'filters': {'page_size': 10}}")).contains("not a filter");
        assertThat(refusal("{'filters': {'face_ids': [['a']]}}")).contains("plain values");
        assertThat(refusal("{'objects_type': 'lists'}")).startsWith("Bad field 'content.objects_type'");
    }

    @Test
    void eventColumnsReadEstimationsByTheCataloguesRule() {
        // basic attributes aggregated, emotions left with the detection (what handlers make)
        JsonNode event = json("{'event_id': 'e', 'face_attributes': {'basic_attributes': {'age': 31}},"
                + " 'detections': [{'samples': {'face': {'sample_id': 's1', 'detection': {'attributes': {}}}}},"
                + " {'samples': {'face': {'sample_id': 's2', 'detection': {'attributes': {'emotions':"
                + " {'predominant_emotion': 'happiness'}}}}}}], 'location': {'city': 'Riga'},"
                + " 'top_match': {'face_id': 'f', 'similarity': 0.9, 'label': 'vip'}}");
        assertThat(Columns.EVENTS.get("age").apply(event).asInt()).isEqualTo(31);
        assertThat(Columns.EVENTS.get("emotion").apply(event).asString()).isEqualTo("happiness");
        assertThat(Columns.EVENTS.get("city").apply(event).asString()).isEqualTo("Riga");
        assertThat(Columns.EVENTS.get("top_similar_object_id").apply(event).asString()).isEqualTo("f");
        assertThat(Columns.EVENTS.get("top_matching_candidates_label").apply(event).asString()).isEqualTo("vip");
        assertThat(Columns.cell(Columns.EVENTS.get("face_sample_ids").apply(event))).isEqualTo("s1;s2");
        assertThat(Columns.EVENTS.get("gender").apply(event).isMissingNode()).isTrue();
    }

    @Test
    void everyGivenFieldIsAColumnAndEveryGroupableOneAReportGroup() {
        for (Field field : EventFields.CATALOGUE.given()) {
            if (field.type() != io.selene.commons.fields.FieldType.OBJECT
                    && field.type() != io.selene.commons.fields.FieldType.ARRAY) {
                assertThat(Columns.EVENTS).containsKey(field.name());
                assertThat(Columns.EVENT_TARGETS).contains(field.path().getFirst());
            }
        }
        assertThat(Columns.EVENTS.keySet()).startsWith("event_id", "handler_id", "create_time", "end_time");
        assertThat(Columns.EVENT_GROUPS).contains("handler_id", "create_time", "gender", "stream_id", "street")
                .doesNotContain("event_id", "user_data", "age");
        assertThat(Columns.FACES.keySet()).containsExactly("face_id", "event_id", "user_data", "external_id", "avatar",
                "create_time", "lists", "sample_ids", "age", "gender", "descriptor_versions");
    }
}
