package io.selene.handlers.policies;

import static io.selene.handlers.policies.PolicyReaderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.selene.commons.json.JsonFields;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The complex-filter evaluator on events in LUNA's shape. */
class EventFiltersTest {

    private static EventFilters filters(String json) {
        return EventFilters.read(JsonFields.of(json(json), "filters"));
    }

    private static final JsonNode ADULT_MAN = json("""
            {'source': 'cam1',
             'face_attributes': {'basic_attributes': {'age': 43, 'gender': 1},
               'emotions': {'predominant_emotion': 'happiness'}, 'liveness': {'prediction': 'real'}},
             'matches': [{'label': 'vip', 'candidates': [{'similarity': 0.62}, {'similarity': 0.91}]},
                         {'label': 'staff', 'candidates': []}],
             'top_match': {'label': 'vip', 'similarity': 0.91}}""");

    /** Estimations only in the detection, as before aggregation. */
    private static final JsonNode CHILD_IN_DETECTION = json("""
            {'detections': [{'samples': {'face': {'detection': {'attributes': {
               'basic_attributes': {'age': 9.6, 'gender': 0}}}}}}]}""");

    @Test
    void noFiltersPassEverything() {
        assertThat(filters("{}")).isSameAs(EventFilters.NONE);
        assertThat(EventFilters.NONE.test(json("{}"))).isTrue();
    }

    @Test
    void ageRangesAreHalfOpenAndReadTheDetectionWhenTheEventHasNoAttributes() {
        assertThat(filters("{'age__gte': 18}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'age__gte': 18, 'age__lt': 43}").test(ADULT_MAN)).isFalse();
        assertThat(filters("{'age__lte': 43}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'age__lt': 18}").test(CHILD_IN_DETECTION)).isTrue();
        assertThat(filters("{'age__gt': 10}").test(CHILD_IN_DETECTION)).isFalse();
        assertThat(filters("{'age__gte': 0}").test(json("{}"))).as("no age estimated").isFalse();
    }

    @Test
    void genderEmotionsLivenessMasksAndSources() {
        assertThat(filters("{'gender': 1}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'gender': 0}").test(ADULT_MAN)).isFalse();
        assertThat(filters("{'gender': 0}").test(CHILD_IN_DETECTION)).isTrue();
        assertThat(filters("{'emotions': ['happiness', 'neutral']}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'emotions': [1]}").test(ADULT_MAN)).as("1 = anger").isFalse();
        assertThat(filters("{'liveness': [1]}").test(ADULT_MAN)).as("1 = real").isTrue();
        assertThat(filters("{'liveness': ['spoof']}").test(ADULT_MAN)).isFalse();
        assertThat(filters("{'masks': ['missing']}").test(ADULT_MAN)).as("no mask estimated").isFalse();
        assertThat(filters("{'sources': ['cam1', 'cam2']}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'sources': ['cam2']}").test(ADULT_MAN)).isFalse();
    }

    @Test
    void matchFiltersUseTheBestCandidateOfTheirLabel() {
        assertThat(filters("{'match': [{'label': 'vip', 'similarity__gte': 0.9}]}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'match': [{'label': 'vip', 'similarity__lt': 0.9}]}").test(ADULT_MAN)).isFalse();
        assertThat(filters("{'match': [{'label': 'vip'}]}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'match': [{'label': 'staff'}]}").test(ADULT_MAN)).as("no candidate").isFalse();
        assertThat(filters("{'match': [{'label': 'other'}]}").test(ADULT_MAN)).isFalse();
        assertThat(filters("{'match': [{'label': 'vip', 'similarity__gte': 0.5}, {'label': 'staff'}]}")
                .test(ADULT_MAN)).as("every entry must hold").isFalse();
        assertThat(filters("{'top_matching_candidates_label': 'vip', 'top_similar_object_similarity__gte': 0.9}")
                .test(ADULT_MAN)).isTrue();
        assertThat(filters("{'top_similar_object_similarity__gt': 0.95}").test(ADULT_MAN)).isFalse();
        assertThat(filters("{'top_matching_candidates_label': 'vip'}").test(CHILD_IN_DETECTION)).isFalse();
    }

    @Test
    void everyGivenFilterMustHold() {
        assertThat(filters("{'age__gte': 18, 'gender': 1, 'liveness': ['real']}").test(ADULT_MAN)).isTrue();
        assertThat(filters("{'age__gte': 18, 'gender': 0, 'liveness': ['real']}").test(ADULT_MAN)).isFalse();
    }
}
