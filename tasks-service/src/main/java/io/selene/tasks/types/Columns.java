package io.selene.tasks.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.selene.commons.fields.Catalogue;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.Field;
import io.selene.commons.fields.FieldType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The columns a task can read from a face (as {@code GET /3/faces/scan} answers it) or an event (as
 * {@code GET /2/events} answers it): the exporter's {@code targets} and the reporter's {@code group_by}.
 * A column that is a field of the {@link FaceFields} or {@link EventFields} catalogue is read where the
 * catalogue says (an event's estimations by its one rule: {@code face_attributes}, else the first detection
 * that has the value); every given field of a catalogue is a column, the ones not named below after them.
 */
public final class Columns {

    private Columns() {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The face columns in their documented order; given fields not named here follow. */
    private static final List<String> FACE_ORDER = List.of("face_id", "event_id", "user_data", "external_id",
            "avatar", "create_time", "lists", "sample_ids", "age", "gender", "descriptor_versions");
    /** The event columns in their documented order; given fields not named here follow. */
    private static final List<String> EVENT_ORDER = List.of("event_id", "handler_id", "create_time", "end_time",
            "source", "tags", "user_data", "external_id", "track_id", "stream_id", "face_id", "age", "gender",
            "emotion", "liveness", "mask", "top_similar_object_id", "top_similar_object_similarity",
            "top_matching_candidates_label", "face_sample_ids", "body_sample_ids", "city", "area", "district",
            "street", "house_number", "latitude", "longitude");

    public static final Map<String, Function<JsonNode, JsonNode>> FACES = columns(FaceFields.CATALOGUE, FACE_ORDER,
            Map.of("sample_ids", face -> face.path("sample_ids"),
                    "age", face -> face.path("basic_attributes").path("age"),
                    "gender", face -> face.path("basic_attributes").path("gender"),
                    "descriptor_versions", face -> face.path("descriptor_versions")));

    public static final Map<String, Function<JsonNode, JsonNode>> EVENTS = columns(EventFields.CATALOGUE,
            EVENT_ORDER, Map.of("top_similar_object_id", Columns::topMatchId,
                    "face_sample_ids", event -> strings(Samples.faceSamplesOfEvent(event)),
                    "body_sample_ids", event -> strings(Samples.bodySamplesOfEvent(event))));

    /** What {@code GET /2/events} must return (its {@code targets}) for every event column above. */
    public static final List<String> EVENT_TARGETS = eventTargets();

    /** The event columns a report may group by: those the catalogue lets statistics group. */
    public static final Set<String> EVENT_GROUPS = EVENTS.keySet().stream()
            .filter(name -> EventFields.CATALOGUE.field(name).map(Field::isGroupable).orElse(false))
            .collect(Collectors.toCollection(LinkedHashSet::new));

    public static Map<String, Function<JsonNode, JsonNode>> of(boolean faces) {
        return faces ? FACES : EVENTS;
    }

    private static Map<String, Function<JsonNode, JsonNode>> columns(Catalogue catalogue, List<String> order,
            Map<String, Function<JsonNode, JsonNode>> own) {
        List<String> names = new ArrayList<>(order);
        for (Field field : catalogue.given()) {
            if (field.type() != FieldType.OBJECT && field.type() != FieldType.ARRAY && !names.contains(field.name())) {
                names.add(field.name());
            }
        }
        Map<String, Function<JsonNode, JsonNode>> columns = new LinkedHashMap<>();
        for (String name : names) {
            columns.put(name, own.containsKey(name) ? own.get(name) : field(catalogue, name));
        }
        return Collections.unmodifiableMap(columns);
    }

    private static Function<JsonNode, JsonNode> field(Catalogue catalogue, String name) {
        Field field = catalogue.require(name);
        return object -> catalogue.value(object, field);
    }

    /** The event's parts the columns read: each field's top-level part, the estimations and the detections. */
    private static List<String> eventTargets() {
        Set<String> targets = new LinkedHashSet<>(List.of("event_id", "detections", "face_attributes", "top_match"));
        for (String name : EVENTS.keySet()) {
            EventFields.CATALOGUE.field(name).filter(field -> field.source() != Field.Source.ESTIMATED)
                    .ifPresent(field -> targets.add(field.path().getFirst()));
        }
        return List.copyOf(targets);
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
