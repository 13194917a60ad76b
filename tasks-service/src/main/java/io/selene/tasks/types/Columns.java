package io.selene.tasks.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The columns a task can read from a face (as {@code GET /3/faces/scan} answers it) or an event (as
 * {@code GET /2/events} answers it): the exporter's {@code targets} and the reporter's {@code group_by}.
 * Estimations of an event come from its {@code face_attributes}, else from its first face detection's
 * attributes (as events-service files them).
 */
public final class Columns {

    private Columns() {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static final Map<String, Function<JsonNode, JsonNode>> FACES = new Builder()
            .add("face_id", face -> face.path("face_id"))
            .add("event_id", face -> face.path("event_id"))
            .add("user_data", face -> face.path("user_data"))
            .add("external_id", face -> face.path("external_id"))
            .add("avatar", face -> face.path("avatar"))
            .add("create_time", face -> face.path("create_time"))
            .add("lists", face -> face.path("lists"))
            .add("sample_ids", face -> face.path("sample_ids"))
            .add("age", face -> face.path("basic_attributes").path("age"))
            .add("gender", face -> face.path("basic_attributes").path("gender"))
            .add("descriptor_versions", face -> face.path("descriptor_versions")).build();

    public static final Map<String, Function<JsonNode, JsonNode>> EVENTS = new Builder()
            .add("event_id", event -> event.path("event_id"))
            .add("handler_id", event -> event.path("handler_id"))
            .add("create_time", event -> event.path("create_time"))
            .add("end_time", event -> event.path("end_time"))
            .add("source", event -> event.path("source"))
            .add("tags", event -> event.path("tags"))
            .add("user_data", event -> event.path("user_data"))
            .add("external_id", event -> event.path("external_id"))
            .add("track_id", event -> event.path("track_id"))
            .add("stream_id", event -> event.path("stream_id"))
            .add("face_id", event -> event.path("face").path("face_id"))
            .add("age", event -> estimation(event, "basic_attributes", "age"))
            .add("gender", event -> estimation(event, "basic_attributes", "gender"))
            .add("emotion", event -> estimation(event, "emotions", "predominant_emotion"))
            .add("liveness", event -> estimation(event, "liveness", "prediction"))
            .add("mask", event -> estimation(event, "mask", "predominant_mask"))
            .add("top_similar_object_id", event -> topMatchId(event))
            .add("top_similar_object_similarity", event -> event.path("top_match").path("similarity"))
            .add("top_matching_candidates_label", event -> event.path("top_match").path("label"))
            .add("face_sample_ids", event -> strings(Samples.faceSamplesOfEvent(event)))
            .add("body_sample_ids", event -> strings(Samples.bodySamplesOfEvent(event)))
            .add("city", event -> event.path("location").path("city"))
            .add("area", event -> event.path("location").path("area"))
            .add("district", event -> event.path("location").path("district"))
            .add("street", event -> event.path("location").path("street"))
            .add("house_number", event -> event.path("location").path("house_number"))
            .add("latitude", event -> event.path("location").path("geo_position").path("latitude"))
            .add("longitude", event -> event.path("location").path("geo_position").path("longitude")).build();

    /** What {@code GET /2/events} must return (its {@code targets}) for every event column above. */
    public static final List<String> EVENT_TARGETS = List.of("event_id", "handler_id", "create_time", "end_time",
            "source", "tags", "user_data", "external_id", "track_id", "stream_id", "location", "detections",
            "face_attributes", "face", "top_match");

    public static Map<String, Function<JsonNode, JsonNode>> of(boolean faces) {
        return faces ? FACES : EVENTS;
    }

    private static JsonNode estimation(JsonNode event, String group, String field) {
        JsonNode value = event.path("face_attributes").path(group).path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            return value;
        }
        for (JsonNode detection : event.path("detections")) {
            JsonNode attributes = detection.path("samples").path("face").path("detection").path("attributes");
            if (attributes.isObject()) {
                return attributes.path(group).path(field);
            }
        }
        return NODES.missingNode();
    }

    private static JsonNode topMatchId(JsonNode event) {
        JsonNode top = event.path("top_match");
        return top.has("face_id") ? top.path("face_id") : top.path("event_id");
    }

    private static JsonNode strings(List<String> values) {
        var array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static final class Builder {
        private final Map<String, Function<JsonNode, JsonNode>> columns = new java.util.LinkedHashMap<>();

        Builder add(String name, Function<JsonNode, JsonNode> value) {
            columns.put(name, value);
            return this;
        }

        Map<String, Function<JsonNode, JsonNode>> build() {
            return java.util.Collections.unmodifiableMap(columns);
        }
    }

    /** A value as one CSV cell: text as is, arrays joined with {@code ;}, nothing for a missing value. */
    public static String cell(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(cell(item)));
            return String.join(";", items);
        }
        return value.isString() ? value.asString() : value.toString();
    }

    /** RFC 4180 quoting; a cell starting like a formula is prefixed with {@code '} so spreadsheets show it as text. */
    public static String csv(String cell) {
        String text = cell;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
