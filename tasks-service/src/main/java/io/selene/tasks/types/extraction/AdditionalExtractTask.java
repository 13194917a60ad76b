package io.selene.tasks.types.extraction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.error.LunaException;
import io.selene.commons.json.JsonFields;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.engine.SubtaskRun;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskResult;
import io.selene.tasks.engine.TaskRun;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.types.Samples;
import io.selene.tasks.types.Selection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code additional_extract}: extracts face descriptors of {@code options.descriptor_version} from the
 * stored face samples of faces or events (handlers-service {@code POST /1/samples/descriptors}) and stores
 * them beside the existing ones (faces {@code POST /3/faces/descriptors}, events
 * {@code POST /2/events/descriptors}), so a model change needs no new photos: 201, or 202 (HSE FaceRec)
 * when handlers-service has its model. {@code options.missing}
 * (default 1) takes only objects without a descriptor of that version. Content in LUNA's shape:
 * {@code {"extraction_target": "face_descriptor", "options": {"descriptor_version", "missing"},
 * "filters": {"objects_type": "faces"|"events", <filters>}}} ({@code objects_type} may also be beside
 * {@code filters}). Objects without samples are skipped; a sample that is gone or unusable is an error of
 * that object. Result: the ids that got a descriptor, and counts.
 */
@Component
public class AdditionalExtractTask implements TaskType {

    private static final int BATCH = 64;

    @Override
    public String name() {
        return "additional_extract";
    }

    @Override
    public int code() {
        return 6;
    }

    @Override
    public String summary() {
        return "Re-extracts face descriptors of a descriptor version from the stored samples of faces or events.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"extraction_target\": \"face_descriptor\", \"options\": {\"descriptor_version\": 201, "
                + "\"missing\": 1}, \"filters\": {\"objects_type\": \"faces\", \"list_id\": "
                + "\"6e1b2f4e-3b8a-4a43-8a43-6d1b6c3b9f10\"}}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        JsonFields fields = JsonFields.of(content, "content");
        String target = fields.oneOf("extraction_target", "face_descriptor", List.of("face_descriptor",
                "body_descriptor", "basic_attributes"));
        if (!target.equals("face_descriptor")) {
            throw JsonFields.bad(fields.path("extraction_target"), "'" + target + "' is not extracted by Selene (no "
                    + "model for it); only face_descriptor");
        }
        JsonFields options = fields.object("options");
        int version = options.integer("descriptor_version", 201, 1, 1000);
        boolean missing = options.bool("missing", true);
        options.finish();
        if (DescriptorVersion.of(version).isEmpty()) {
            throw JsonFields.bad(options.path("descriptor_version"), "descriptor version " + version
                    + " is not extracted by this platform; known: " + DescriptorVersion.numbers());
        }
        Selection selection = read(fields);
        fields.finish();
        selection.validate(request.calls(), "content");
        ObjectNode stored = (ObjectNode) selection.toJson();
        stored.put("extraction_target", target);
        stored.putObject("options").put("descriptor_version", version).put("missing", missing ? 1 : 0);
        return stored;
    }

    /** {@code objects_type} beside the filters or (LUNA) inside them. */
    private static Selection read(JsonFields content) {
        JsonNode filters = content.raw("filters");
        if (filters != null && filters.isObject() && filters.has("objects_type")) {
            if (content.has("objects_type")) {
                throw JsonFields.bad(content.path("filters") + ".objects_type", "given twice (also in "
                        + content.path("objects_type") + ")");
            }
            ObjectNode moved = JsonNodeFactory.instance.objectNode();
            moved.set("objects_type", filters.get("objects_type"));
            ObjectNode rest = ((ObjectNode) filters).deepCopy();
            rest.remove("objects_type");
            moved.set("filters", rest);
            content.known("objects_type");
            return Selection.read(JsonFields.of(moved, content.path()), "objects_type", Selection.FACES,
                    Selection.EVENTS);
        }
        return Selection.read(content, "objects_type", Selection.FACES, Selection.EVENTS);
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return Selection.stored(task.content(), "objects_type").split(task.calls(),
                task.settings().objectsPerSubtask());
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        Selection selection = Selection.stored(run.content(), "objects_type");
        int version = run.content().path("options").path("descriptor_version").asInt();
        boolean missing = run.content().path("options").path("missing").asInt() == 1;
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        ArrayNode extracted = partial.putArray("extracted");
        int[] counts = new int[2]; // failed, skipped
        Map<String, Object> extra = selection.faces() && missing ? Map.of("missing_descriptor_version", version)
                : Map.of();
        selection.scan(run, run.subtaskContent(), List.of("event_id", "detections"), extra, page -> {
            Map<String, List<String>> todo = new LinkedHashMap<>();
            for (JsonNode object : page) {
                String id = object.path(selection.faces() ? "face_id" : "event_id").asString();
                List<String> samples = selection.faces() ? Samples.ofFace(object) : Samples.faceSamplesOfEvent(object);
                if (samples.isEmpty()) {
                    counts[1]++;
                } else {
                    todo.put(id, samples.subList(0, Math.min(16, samples.size())));
                }
            }
            if (!selection.faces() && missing && !todo.isEmpty()) {
                Set<String> have = new HashSet<>();
                run.calls().get(AccountCalls.EVENTS, "/2/events/descriptors", Map.of("event_ids",
                        new ArrayList<>(todo.keySet()), "version", version, "limit", 1000)).path("descriptors")
                        .forEach(d -> have.add(d.path("event_id").asString()));
                have.forEach(todo::remove);
                counts[1] += have.size();
            }
            List<String> ids = new ArrayList<>(todo.keySet());
            for (int from = 0; from < ids.size(); from += BATCH) {
                run.checkCancelled();
                List<Map<String, Object>> objects = new ArrayList<>();
                for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
                    objects.add(Map.of("id", id, "sample_ids", todo.get(id)));
                }
                JsonNode answer = run.calls().post(AccountCalls.HANDLERS, "/1/samples/descriptors", null,
                        Map.of("descriptor_version", version, "objects", objects));
                List<Map<String, Object>> descriptors = new ArrayList<>();
                for (JsonNode item : answer.path("descriptors")) {
                    String id = item.path("id").asString();
                    if (item.has("error")) {
                        JsonNode error = item.get("error");
                        run.error(new LunaException(org.springframework.http.HttpStatus.BAD_REQUEST,
                                error.path("error_code").asInt(), error.path("desc").asString(),
                                error.path("detail").asString()), Map.of(selection.faces() ? "face_id" : "event_id", id));
                        counts[0]++;
                        continue;
                    }
                    descriptors.add(Map.of(selection.faces() ? "face_id" : "event_id", id, "version",
                            item.path("version").asInt(), "data", item.path("data").asString()));
                }
                if (!descriptors.isEmpty()) {
                    JsonNode written = run.calls().post(selection.faces() ? AccountCalls.FACES : AccountCalls.EVENTS,
                            selection.faces() ? "/3/faces/descriptors" : "/2/events/descriptors", null,
                            Map.of("descriptors", descriptors));
                    Set<String> skipped = new HashSet<>();
                    written.path("skipped").forEach(id -> skipped.add(id.asString()));
                    counts[1] += skipped.size();
                    for (Map<String, Object> descriptor : descriptors) {
                        String id = (String) descriptor.get(selection.faces() ? "face_id" : "event_id");
                        if (!skipped.contains(id)) {
                            extracted.add(id);
                        }
                    }
                }
            }
            run.items(page.size());
        });
        partial.put("failed", counts[0]);
        partial.put("skipped", counts[1]);
        return partial;
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode extracted = JsonNodeFactory.instance.arrayNode();
        long[] counts = new long[2];
        partials.forEach(partial -> {
            extracted.addAll((ArrayNode) partial.path("extracted"));
            counts[0] += partial.path("failed").asLong();
            counts[1] += partial.path("skipped").asLong();
        });
        result.put("objects_type", task.content().path("objects_type").asString());
        result.put("descriptor_version", task.content().path("options").path("descriptor_version").asInt());
        result.put("extracted_count", extracted.size());
        result.put("failed_count", counts[0]);
        result.put("skipped_count", counts[1]);
        result.set("extracted", extracted);
        return TaskResult.json(result.toString().getBytes(StandardCharsets.UTF_8));
    }
}
