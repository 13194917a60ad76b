package io.selene.tasks.types.linker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
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
 * {@code linker}: attaches the faces of the filters to a list ({@code list_id}, or {@code create_list: 1}
 * with {@code list_data.user_data} for a new one), or the faces of the selected events: an event's own face
 * ({@code face.face_id}), else a face made from the event (its descriptor, basic attributes and first face
 * sample, {@code event_id} set), made once even when a subtask runs again (an {@code Idempotency-Key} per
 * event). Result: {@code {"list_id", "objects_type", "faces": [face ids linked], "events": [{"event_id",
 * "face_id"}]}}; an event that cannot become a face is an error of its subtask.
 */
@Component
public class LinkerTask implements TaskType {

    private static final int ATTACH = 1000;

    private final StrictJson strict;

    public LinkerTask(StrictJson strict) {
        this.strict = strict;
    }

    @Override
    public String name() {
        return "linker";
    }

    @Override
    public int code() {
        return 4;
    }

    @Override
    public String summary() {
        return "Attaches the faces selected by filters, or faces of (or made from) the selected events, to a list.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"objects_type\": \"faces\", \"filters\": {\"create_time__gte\": \"now-1d\"}, "
                + "\"list_id\": \"6e1b2f4e-3b8a-4a43-8a43-6d1b6c3b9f10\"}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        LinkerContent body = strict.read(content, LinkerContent.class, "content");
        Selection selection = Selection.of(body.objectsType() == null ? Selection.FACES : body.objectsType(),
                body.filters(), "content");
        UUID list = body.listId() == null ? null : UUID.fromString(body.listId());
        boolean create = Boolean.TRUE.equals(body.createList());
        if ((list == null) == !create) {
            throw JsonFields.bad("content.list_id", "give either 'list_id' or 'create_list': 1");
        }
        if (body.listData() != null && !create) {
            throw JsonFields.bad("content.list_data", "only with 'create_list': 1");
        }
        String userData = body.listData() == null || body.listData().userData() == null ? ""
                : body.listData().userData();
        if (list != null) {
            try {
                request.calls().get(AccountCalls.FACES, "/3/lists/" + list, Map.of());
            } catch (LunaException e) {
                if (e.status().value() == 404) {
                    throw JsonFields.bad("content.list_id", "list " + list + " not found");
                }
                throw e;
            }
        }
        selection.validate(request.calls(), "content");
        ObjectNode stored = (ObjectNode) selection.toJson();
        if (list != null) {
            stored.put("list_id", list.toString());
        } else {
            stored.put("create_list", 1);
            stored.putObject("list_data").put("user_data", userData);
        }
        return stored;
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        JsonNode content = task.content();
        String list = content.path("list_id").asString(null);
        if (list == null) {
            list = createdList(task);
        }
        List<JsonNode> parts = new ArrayList<>();
        for (JsonNode range : selection(content).split(task.calls(), task.settings().objectsPerSubtask())) {
            ObjectNode part = JsonNodeFactory.instance.objectNode();
            part.put("list_id", list);
            part.set("range", range);
            parts.add(part);
        }
        return parts;
    }

    /** The list of a {@code create_list} task: one per task even when asked again (the key replays the create). */
    private static String createdList(TaskRun task) {
        return task.calls().postOnce(AccountCalls.FACES, "/3/lists", Map.of("user_data",
                task.content().path("list_data").path("user_data").asString("")), "task-" + task.key() + "-list")
                .path("list_id").asString();
    }

    private static Selection selection(JsonNode content) {
        return Selection.stored(content, "objects_type");
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        Selection selection = selection(run.content());
        String list = run.subtaskContent().path("list_id").asString();
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.put("list_id", list);
        ArrayNode linked = partial.putArray("faces");
        ArrayNode events = partial.putArray("events");
        selection.scan(run, run.subtaskContent().path("range"), List.of("event_id", "face", "face_attributes",
                "detections", "external_id", "user_data"), Map.of(), page -> {
            List<String> faces = new ArrayList<>();
            if (selection.faces()) {
                page.forEach(face -> faces.add(face.path("face_id").asString()));
            } else {
                Map<String, String> made = facesOfEvents(run, page, list);
                made.forEach((event, face) -> {
                    faces.add(face);
                    events.addObject().put("event_id", event).put("face_id", face);
                });
            }
            for (String face : attach(run, list, faces)) {
                linked.add(face);
            }
            run.items(page.size());
        });
        return partial;
    }

    /** Attaches faces in calls of 1000; faces deleted since they were read are left out (not an error). */
    private static List<String> attach(SubtaskRun run, String list, List<String> faces) {
        List<String> attached = new ArrayList<>();
        for (int from = 0; from < faces.size(); from += ATTACH) {
            List<String> chunk = faces.subList(from, Math.min(faces.size(), from + ATTACH));
            run.checkCancelled();
            try {
                run.calls().patch(AccountCalls.FACES, "/3/linker", Map.of("action", "attach", "list_id", list,
                        "face_ids", chunk));
                attached.addAll(chunk);
            } catch (LunaException e) {
                if (e.errorCode() != 22004) {
                    throw e;
                }
                List<String> still = new ArrayList<>();
                run.calls().get(AccountCalls.FACES, "/3/faces/scan", Map.of("face_ids", chunk, "limit", ATTACH))
                        .path("faces").forEach(face -> still.add(face.path("face_id").asString()));
                if (!still.isEmpty()) {
                    run.calls().patch(AccountCalls.FACES, "/3/linker", Map.of("action", "attach", "list_id", list,
                            "face_ids", still));
                }
                attached.addAll(still);
            }
        }
        return attached;
    }

    /** Each event's face: its own, or one made from it (once per event and task). */
    private static Map<String, String> facesOfEvents(SubtaskRun run, List<JsonNode> events, String list) {
        Map<String, String> faces = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        for (JsonNode event : events) {
            String face = event.path("face").path("face_id").asString(null);
            if (face != null) {
                faces.put(event.path("event_id").asString(), face);
            } else {
                without.add(event.path("event_id").asString());
            }
        }
        if (without.isEmpty()) {
            return faces;
        }
        Map<String, String> descriptors = new LinkedHashMap<>();
        run.calls().get(AccountCalls.EVENTS, "/2/events/descriptors", Map.of("event_ids", without, "limit", 1000))
                .path("descriptors").forEach(d -> descriptors.put(d.path("event_id").asString(),
                        d.path("version").asInt() + ":" + d.path("data").asString()));
        for (JsonNode event : events) {
            String id = event.path("event_id").asString();
            if (faces.containsKey(id)) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event_id", id);
            String descriptor = descriptors.get(id);
            if (descriptor != null) {
                int colon = descriptor.indexOf(':');
                body.put("descriptors", List.of(Map.of("version", Integer.parseInt(descriptor.substring(0, colon)),
                        "data", descriptor.substring(colon + 1))));
            }
            JsonNode basic = event.path("face_attributes").path("basic_attributes");
            if (basic.isObject()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String key : List.of("age", "gender", "ethnicities")) {
                    if (basic.has(key)) {
                        values.put(key, basic.get(key));
                    }
                }
                body.put("basic_attributes", values);
            }
            List<String> samples = Samples.faceSamplesOfEvent(event);
            if (!samples.isEmpty()) {
                body.put("sample_ids", List.of(samples.getFirst()));
                body.put("avatar", "/6/samples/faces/" + samples.getFirst());
            }
            if (event.path("external_id").isString()) {
                body.put("external_id", event.get("external_id").asString());
            }
            if (event.path("user_data").isString()) {
                body.put("user_data", event.get("user_data").asString());
            }
            try {
                String face = run.calls().postOnce(AccountCalls.FACES, "/3/faces", body,
                        "task-" + run.key() + "-event-" + id).path("face_id").asString();
                faces.put(id, face);
            } catch (LunaException e) {
                if (!e.status().is4xxClientError()) {
                    throw e;
                }
                run.error(e, Map.of("event_id", id));
            }
        }
        return faces;
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        String list = task.content().path("list_id").asString(null);
        ArrayNode faces = JsonNodeFactory.instance.arrayNode();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        partials.forEach(partial -> {
            faces.addAll((ArrayNode) partial.path("faces"));
            events.addAll((ArrayNode) partial.path("events"));
        });
        if (list == null) {
            list = createdList(task);
        }
        result.put("list_id", list);
        result.put("objects_type", task.content().path("objects_type").asString());
        result.put("linked_faces_count", faces.size());
        result.set("faces", faces);
        if (task.content().path("objects_type").asString().equals(Selection.EVENTS)) {
            result.set("events", events);
        }
        return TaskResult.json(result.toString().getBytes(StandardCharsets.UTF_8));
    }
}
