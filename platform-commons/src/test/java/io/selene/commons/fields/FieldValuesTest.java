package io.selene.commons.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The given fields of an object read from its JSON, nested ones included, and placed back at their paths. */
class FieldValuesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String refusal(String event) {
        try {
            FieldValues.read(EventFields.CATALOGUE, json(event), "events[0]");
        } catch (LunaException e) {
            assertThat(e.errorCode()).isEqualTo(102);
            return e.detail();
        }
        throw new AssertionError("not refused: " + event);
    }

    @Test
    void givenFieldsAreReadCheckedAndTakenOutOfTheRest() {
        UUID stream = UUID.randomUUID();
        FieldValues.Read read = FieldValues.read(EventFields.CATALOGUE, json("{'source': 'cam-1', 'tags': ['a', 'a', 'b'],"
                + " 'stream_id': '" + stream + "', 'location': {'city': 'Riga', 'geo_position': {'latitude': 56.9,"
                + " 'longitude': 24.1}}, 'meta': {'x': 1}, 'detections': []}"), "events[0]");
        assertThat(read.values()).containsEntry(EventFields.field("source"), "cam-1")
                .containsEntry(EventFields.field("tags"), List.of("a", "b"))
                .containsEntry(EventFields.field("stream_id"), stream)
                .containsEntry(EventFields.field("city"), "Riga")
                .containsEntry(EventFields.field("latitude"), 56.9);
        assertThat(read.rest().propertyNames()).containsExactly("detections");
    }

    @Test
    void eachMistakeNamesItsPath() {
        assertThat(refusal("{'stream_id': 'cam-1'}")).isEqualTo("Bad field 'events[0].stream_id': must be a UUID");
        assertThat(refusal("{'source': '" + "x".repeat(129) + "'}"))
                .isEqualTo("Bad field 'events[0].source': must be a string of at most 128 characters");
        assertThat(refusal("{'tags': ['ok', '']}"))
                .isEqualTo("Bad field 'events[0].tags[1]': must be a string of 1..36 characters");
        assertThat(refusal("{'location': {'city': 'Riga', 'colour': 'red'}}"))
                .isEqualTo("Bad field 'events[0].location.colour': unknown field");
        assertThat(refusal("{'location': 'Riga'}")).isEqualTo("Bad field 'events[0].location': must be an object");
        assertThat(refusal("{'location': {'geo_position': {'latitude': 56.9}}}"))
                .isEqualTo("Bad field 'events[0].location.geo_position.longitude': must be a number in -180..180");
        assertThat(refusal("{'location': {'geo_position': {'latitude': 91, 'longitude': 0}}}"))
                .isEqualTo("Bad field 'events[0].location.geo_position.latitude': must be a number in -90..90");
        assertThat(refusal("{'meta': [1]}")).isEqualTo("Bad field 'events[0].meta': must be an object");
    }

    @Test
    void valuesGoBackToTheirPathsAndParentsOfOnlyNullsCollapse() {
        Map<String, Object> tree = new LinkedHashMap<>();
        FieldValues.put(tree, EventFields.field("city"), "Riga");
        FieldValues.put(tree, EventFields.field("latitude"), null);
        FieldValues.put(tree, EventFields.field("longitude"), null);
        FieldValues.collapse(tree);
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("city", "Riga");
        location.put("geo_position", null);
        assertThat(tree).containsOnlyKeys("location").containsEntry("location", location);
        Map<String, Object> empty = new LinkedHashMap<>();
        FieldValues.put(empty, EventFields.field("city"), null);
        FieldValues.collapse(empty);
        assertThat(empty).containsEntry("location", null);
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() {
        assertThatThrownBy(() -> FieldValues.read(FaceFields.CATALOGUE, json("[1]"), ""))
                .hasMessageContaining("Bad field 'body': must be an object");
    }
}
