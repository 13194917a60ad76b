package io.selene.commons.fields;

import static io.selene.commons.fields.FieldFilter.Match.ANY_OF;
import static io.selene.commons.fields.FieldFilter.Match.EQUALS;
import static io.selene.commons.fields.FieldFilter.Match.RANGE;
import static io.selene.commons.fields.FieldFilter.Use.POLICY;
import static io.selene.commons.fields.FieldFilter.Use.SEARCH;
import static io.selene.commons.fields.FieldFilter.Use.SUBSCRIPTION;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.selene.commons.query.EnumeratedFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The fields of an event (luna-api.md §3.4, §5) as events-service stores and searches them, Sender's
 * subscriptions and handler policies filter them, and handlers-service makes them. A field the caller
 * gives ({@link Field.Source#GIVEN}: a handler's query extras, a raw event's JSON) is read, checked,
 * stored in its column, answered and filtered from its entry alone: adding one is an entry here and a
 * column in events-service's migrations.
 *
 * <p>The answered fields come first, in the order of an event's JSON (and of {@code targets}).
 */
public final class EventFields {

    /** LUNA's emotions, liveness and mask names (and their integer codes in filters). */
    public static final EnumeratedFilter EMOTIONS = EnumeratedFilter.EMOTIONS;
    public static final EnumeratedFilter LIVENESS = EnumeratedFilter.LIVENESS;
    public static final EnumeratedFilter MASKS = EnumeratedFilter.MASKS;

    public static final Catalogue CATALOGUE = new Catalogue(List.of(
            Field.uuid("event_id").record().filter(ANY_OF, "event_ids", SEARCH).filter(RANGE, "event_id", SEARCH)
                    .aggregates("count"),
            Field.text("url", 512).record().noColumn(),
            Field.uuid("account_id").record().ownFilter(EQUALS, "account_id", SEARCH, SUBSCRIPTION),
            Field.uuid("handler_id").record().filter(ANY_OF, "handler_ids", SEARCH, SUBSCRIPTION).groupable(),
            Field.timestamp("create_time").record().ownFilter(RANGE, "create_time", SEARCH).groupable()
                    .aggregates("count", "min", "max"),
            Field.timestamp("end_time").record().filter(RANGE, "end_time", SEARCH).groupable()
                    .aggregates("count", "min", "max"),
            Field.timestamp("insert_time").record().filter(RANGE, "insert_time", SEARCH),
            Field.text("source", 128).filter(ANY_OF, "sources", SEARCH, SUBSCRIPTION, POLICY).groupable(),
            Field.texts("tags", 32, 36).filter(ANY_OF, "tags", 100, SEARCH, SUBSCRIPTION),
            Field.text("user_data", 128).filter(EQUALS, "user_data", SEARCH, SUBSCRIPTION),
            Field.text("external_id", 36).filter(ANY_OF, "external_ids", SEARCH, SUBSCRIPTION),
            Field.text("track_id", 36).filter(ANY_OF, "track_ids", SEARCH).groupable(),
            Field.uuid("stream_id").filter(ANY_OF, "stream_ids", SEARCH, SUBSCRIPTION).groupable(),
            Field.text("city", 255).at("location.city").filter(ANY_OF, "cities", SEARCH).groupable(),
            Field.text("area", 255).at("location.area").filter(ANY_OF, "areas", SEARCH).groupable(),
            Field.text("district", 255).at("location.district").filter(ANY_OF, "districts", SEARCH).groupable(),
            Field.text("street", 255).at("location.street").filter(ANY_OF, "streets", SEARCH).groupable(),
            Field.text("house_number", 255).at("location.house_number").filter(ANY_OF, "house_numbers", SEARCH),
            Field.number("latitude", -90, 90).at("location.geo_position.latitude").required()
                    .filter(RANGE, "latitude", SEARCH),
            Field.number("longitude", -180, 180).at("location.geo_position.longitude").required()
                    .filter(RANGE, "longitude", SEARCH),
            Field.array("detections").part(),
            Field.object("face_attributes"),
            Field.object("body_attributes"),
            Field.object("aggregate_estimations"),
            Field.array("matches").part(),
            Field.object("top_match").part().column("top_match"),
            Field.object("face").part(),
            Field.array("attach_result"),
            Field.object("meta"),

            // copied out of the face estimations, for filters and statistics
            Field.number("age", 0, 200).estimated().at("basic_attributes.age").real()
                    .filter(RANGE, "age", SEARCH, SUBSCRIPTION, POLICY).aggregates("count", "min", "max", "avg"),
            Field.integer("gender", 0, 1).estimated().at("basic_attributes.gender")
                    .filter(EQUALS, "gender", SEARCH, SUBSCRIPTION, POLICY).groupable()
                    .aggregates("count", "min", "max", "avg"),
            Field.named("emotion", EMOTIONS).estimated().at("emotions.predominant_emotion")
                    .filter(ANY_OF, "emotions", SEARCH, SUBSCRIPTION, POLICY).groupable(),
            Field.named("liveness", LIVENESS).estimated().at("liveness.prediction")
                    .filter(ANY_OF, "liveness", SEARCH, SUBSCRIPTION, POLICY).groupable(),
            Field.named("mask", MASKS).estimated().at("mask.predominant_mask")
                    .filter(ANY_OF, "masks", SEARCH, SUBSCRIPTION, POLICY).groupable(),

            // made by events-service from the other parts
            Field.uuid("face_id").derived().at("face.face_id").filter(ANY_OF, "face_ids", SEARCH).groupable(),
            Field.text("top_matching_candidates_label", 128).derived().at("top_match.label")
                    .column("top_match_label").filter(EQUALS, "top_matching_candidates_label", SEARCH, POLICY)
                    .groupable(),
            Field.uuid("top_similar_object_id").derived().at("top_match.object_id").column("top_match_object_id")
                    .filter(ANY_OF, "top_similar_object_ids", SEARCH),
            Field.text("top_similar_external_id", 36).derived().at("top_match.external_id")
                    .column("top_match_external_id").filter(ANY_OF, "top_similar_external_ids", SEARCH),
            Field.number("top_similar_object_similarity", 0, 1).derived().at("top_match.similarity")
                    .column("top_match_similarity").real()
                    .filter(RANGE, "top_similar_object_similarity", SEARCH, POLICY)
                    .aggregates("count", "min", "max", "avg"),
            Field.integer("face_detection_count", 0, 100).derived().filter(RANGE, "face_detection_count", SEARCH)
                    .groupable().aggregates("count", "min", "max", "avg", "sum"),
            Field.integer("body_detection_count", 0, 100).derived().filter(RANGE, "body_detection_count", SEARCH)
                    .groupable().aggregates("count", "min", "max", "avg", "sum"),
            Field.uuid("face_sample_id").derived().noColumn().ownFilter(ANY_OF, "face_sample_ids", SEARCH),
            Field.uuid("body_sample_id").derived().noColumn().ownFilter(ANY_OF, "body_sample_ids", SEARCH),

            // LUNA's estimations Selene never makes (body attributes, ethnicity, deepfake): known by name and
            // accepted, but no event has them, so a filter on one matches nothing (as LUNA's filter on an
            // attribute its events lack)
            Field.number("apparent_age", 0, 200).notEstimated().ownFilter(RANGE, "apparent_age", SEARCH, SUBSCRIPTION),
            unestimated("apparent_gender", 3),
            unestimated("headwear_states", 10),
            unestimated("headwear_apparent_colors", 20),
            unestimated("upper_clothing_colors", 20),
            unestimated("sleeve_lengths", 10),
            unestimated("backpack_states", 10),
            unestimated("lower_garment_types", 10),
            unestimated("lower_garment_colors", 20),
            unestimated("shoes_apparent_colors", 20),
            unestimated("ethnic_groups", 4),
            unestimated("deepfake", 2)),
            EventFields::estimation);

    private EventFields() {
    }

    private static Field unestimated(String name, int maxItems) {
        return Field.text(name, 64).notEstimated().ownFilter(ANY_OF, name, maxItems, SEARCH, SUBSCRIPTION);
    }

    /** Whether {@code filters} give a filter on an estimation Selene never makes (it then matches nothing). */
    public static boolean filtersNotEstimated(io.selene.commons.query.Filters filters, FieldFilter.Use use) {
        for (Catalogue.Filter f : CATALOGUE.filters(use)) {
            if (f.field().source() == Field.Source.NOT_ESTIMATED && (filters.lists().containsKey(f.name())
                    || filters.values().containsKey(f.name()) || filters.ranges().containsKey(f.name()))) {
                return true;
            }
        }
        return false;
    }

    public static Field field(String name) {
        return CATALOGUE.require(name);
    }

    /** The best candidate similarity over the event's matches whose label is accepted; null when none. */
    public static Double bestSimilarity(JsonNode event, Predicate<String> label) {
        Double best = null;
        for (JsonNode match : event.path("matches")) {
            if (!match.path("label").isString() || !label.test(match.get("label").stringValue())) {
                continue;
            }
            for (JsonNode candidate : match.path("candidates")) {
                JsonNode similarity = candidate.path("similarity");
                if (similarity.isNumber() && (best == null || similarity.doubleValue() > best)) {
                    best = similarity.doubleValue();
                }
            }
        }
        return best;
    }

    /**
     * A face estimation of an event: the event's {@code face_attributes} at {@code path}, else the first
     * detection's face estimation that has it (estimations not aggregated stay with their detection).
     */
    public static JsonNode estimation(JsonNode event, List<String> path) {
        List<String> at = estimationPath(event, path);
        return at == null ? MissingNode.getInstance() : Catalogue.at(event, at);
    }

    /** Where {@link #estimation} finds a value in the event (steps; an array index as digits), or null. */
    public static List<String> estimationPath(JsonNode event, List<String> path) {
        List<String> inAttributes = new ArrayList<>(List.of("face_attributes"));
        inAttributes.addAll(path);
        JsonNode value = Catalogue.at(event, inAttributes);
        if (!value.isMissingNode() && !value.isNull()) {
            return inAttributes;
        }
        for (int i = 0; i < event.path("detections").size(); i++) {
            List<String> inDetection = new ArrayList<>(List.of("detections", String.valueOf(i), "samples", "face",
                    "detection", "attributes"));
            inDetection.addAll(path);
            JsonNode found = Catalogue.at(event, inDetection);
            if (!found.isMissingNode() && !found.isNull()) {
                return inDetection;
            }
        }
        return null;
    }
}
