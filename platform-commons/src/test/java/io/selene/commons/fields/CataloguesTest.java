package io.selene.commons.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.selene.commons.fields.FieldFilter.Use;
import org.junit.jupiter.api.Test;

/**
 * What each API accepts and answers, as the catalogues decide it: the event and face fields a read
 * answers (its targets, in order) and the filters each reader takes. New fields may come; none of
 * these may go.
 */
class CataloguesTest {

    private static List<String> names(Catalogue catalogue, Use use) {
        return catalogue.filters(use).stream().map(Catalogue.Filter::name).toList();
    }

    @Test
    void anEventIsAnsweredWithItsFieldsInLunasOrder() {
        assertThat(EventFields.CATALOGUE.targets()).containsSubsequence("event_id", "url", "account_id", "handler_id",
                "create_time", "end_time", "insert_time", "source", "tags", "user_data", "external_id", "track_id",
                "stream_id", "location", "detections", "face_attributes", "body_attributes", "aggregate_estimations",
                "matches", "top_match", "face", "attach_result", "meta");
    }

    @Test
    void eventSearchSubscriptionsAndPoliciesTakeTheirFilters() {
        assertThat(names(EventFields.CATALOGUE, Use.SEARCH)).contains("event_ids", "event_id",
                "account_id", "handler_ids", "sources", "tags", "face_ids", "external_ids", "user_data", "track_ids",
                "stream_ids", "create_time", "end_time", "insert_time", "top_matching_candidates_label",
                "top_similar_object_ids", "top_similar_external_ids", "top_similar_object_similarity", "age",
                "gender", "emotions", "liveness", "masks", "cities", "areas", "districts", "streets", "house_numbers",
                "latitude", "longitude", "face_detection_count", "body_detection_count", "face_sample_ids",
                "body_sample_ids", "apparent_age", "apparent_gender", "headwear_states", "headwear_apparent_colors",
                "upper_clothing_colors", "sleeve_lengths", "backpack_states", "lower_garment_types",
                "lower_garment_colors", "shoes_apparent_colors", "ethnic_groups", "deepfake");
        assertThat(names(EventFields.CATALOGUE, Use.SUBSCRIPTION)).contains("account_id",
                "handler_ids", "sources", "tags", "external_ids", "user_data", "stream_ids", "age", "gender",
                "emotions", "liveness", "masks", "apparent_age", "apparent_gender", "upper_clothing_colors",
                "ethnic_groups", "deepfake");
        assertThat(names(EventFields.CATALOGUE, Use.POLICY)).contains("sources", "age", "gender",
                "emotions", "liveness", "masks", "top_matching_candidates_label", "top_similar_object_similarity");
    }

    @Test
    void aFaceIsAnsweredAndFilteredFromItsCatalogue() {
        assertThat(FaceFields.CATALOGUE.targets()).containsSubsequence("face_id", "account_id", "event_id", "user_data",
                "external_id", "avatar", "create_time", "lists");
        assertThat(names(FaceFields.CATALOGUE, Use.SEARCH)).contains("face_ids", "face_id",
                "account_id", "event_ids", "user_data", "external_ids", "create_time", "list_id");
        assertThat(names(FaceFields.CATALOGUE, Use.CANDIDATES)).contains("face_ids", "event_ids",
                "user_data", "external_ids", "create_time", "list_id");
        assertThat(FaceFields.CATALOGUE.accepts("create_time__gte", Use.CANDIDATES)).isTrue();
        assertThat(FaceFields.CATALOGUE.accepts("create_time", Use.CANDIDATES)).as("a range needs its suffix").isFalse();
        assertThat(FaceFields.CATALOGUE.accepts("face_id__gte", Use.CANDIDATES)).isFalse();
    }

    @Test
    void givenFieldsAreWhatCallersWrite() {
        assertThat(EventFields.CATALOGUE.given().stream().map(Field::name)).containsSubsequence("source", "tags",
                "user_data", "external_id", "track_id", "stream_id", "city", "area", "district", "street",
                "house_number", "latitude", "longitude", "face_attributes", "body_attributes",
                "aggregate_estimations", "attach_result", "meta");
        assertThat(FaceFields.CATALOGUE.given().stream().map(Field::name)).containsSubsequence("event_id", "user_data",
                "external_id", "avatar");
    }
}
