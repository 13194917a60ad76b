package io.selene.tasks.types.gc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code gc}: deletes the faces or events of the filters (e.g. {@code create_time__lt} for "older than",
 * {@code handler_ids}, {@code list_id}), in chunks of {@code objects-per-subtask}, optionally with their
 * samples ({@code remove_samples}) and, for events, the source images Selene stored
 * ({@code remove_image_origins}). {@code dry_run: 1} only counts what would be deleted. Result:
 * {@code {"target", "dry_run", "selected", "deleted", "removed_samples", "removed_image_origins"}}.
 */
@Component
public class GcTask implements TaskType {

    private final StrictJson strict;

    public GcTask(StrictJson strict) {
        this.strict = strict;
    }

    @Override
    public String name() {
        return "gc";
    }

    @Override
    public int code() {
        return 8;
    }

    @Override
    public String summary() {
        return "Deletes faces or events selected by filters (e.g. older than a time, of given handlers or lists) in "
                + "chunks, with their samples and source images when asked; dry_run=1 only counts.";
    }

    @Override
    public String example() {
        return "{\"description\": \"events older than 30 days\", \"content\": {\"target\": \"events\", \"filters\": "
                + "{\"create_time__lt\": \"now-30d\"}, \"remove_samples\": 1, \"remove_image_origins\": 1}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        GcContent body = strict.read(content, GcContent.class, "content");
        Selection selection = Selection.of(body.target(), body.filters(), "content");
        if (selection.filters().isEmpty()) {
            throw JsonFields.bad("content.filters", "gc needs at least one filter (it would delete everything)");
        }
        boolean origins = Boolean.TRUE.equals(body.removeImageOrigins());
        if (origins && selection.faces()) {
            throw JsonFields.bad("content.remove_image_origins", "faces have no source images; only for target "
                    + "events");
        }
        boolean samples = Boolean.TRUE.equals(body.removeSamples());
        boolean dryRun = Boolean.TRUE.equals(body.dryRun());
        selection.validate(request.calls(), "content");
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.put("target", selection.objectsType());
        stored.set("filters", selection.filters());
        stored.put("remove_samples", samples ? 1 : 0);
        stored.put("remove_image_origins", origins ? 1 : 0);
        stored.put("dry_run", dryRun ? 1 : 0);
        return stored;
    }

    private static Selection selection(JsonNode content) {
        return Selection.stored(content, "target");
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return selection(task.content()).split(task.calls(), task.settings().objectsPerSubtask());
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        JsonNode content = run.content();
        Selection selection = selection(content);
        boolean dryRun = content.path("dry_run").asInt() == 1;
        boolean samples = content.path("remove_samples").asInt() == 1;
        boolean origins = content.path("remove_image_origins").asInt() == 1;
        long[] totals = new long[4]; // selected, deleted, samples, origins
        selection.scan(run, run.subtaskContent(), List.of("event_id", "detections"), Map.of(), page -> {
            totals[0] += page.size();
            run.items(page.size());
            if (dryRun) {
                return;
            }
            List<String> ids = new ArrayList<>();
            List<String> faceSamples = new ArrayList<>();
            List<String> bodySamples = new ArrayList<>();
            List<String> images = new ArrayList<>();
            for (JsonNode object : page) {
                if (selection.faces()) {
                    ids.add(object.path("face_id").asString());
                    faceSamples.addAll(Samples.ofFace(object));
                } else {
                    ids.add(object.path("event_id").asString());
                    faceSamples.addAll(Samples.faceSamplesOfEvent(object));
                    bodySamples.addAll(Samples.bodySamplesOfEvent(object));
                    images.addAll(Samples.imageOriginsOfEvent(object));
                }
            }
            run.checkCancelled();
            if (selection.faces()) {
                for (int from = 0; from < ids.size(); from += 1000) {
                    totals[1] += run.calls().delete(AccountCalls.FACES, "/3/faces", null,
                            Map.of("face_ids", ids.subList(from, Math.min(ids.size(), from + 1000))))
                            .path("deleted").asLong();
                }
            } else {
                totals[1] += run.calls().delete(AccountCalls.EVENTS, "/2/events",
                        Map.of("event_ids", ids, "limit", ids.size()), null).path("deleted").asLong();
            }
            if (samples) {
                totals[2] += Samples.delete(run, Samples.FACE_SAMPLES, faceSamples);
                totals[2] += Samples.delete(run, Samples.BODY_SAMPLES, bodySamples);
            }
            if (origins) {
                totals[3] += Samples.delete(run, Samples.IMAGES, images);
            }
        });
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.put("selected", totals[0]);
        partial.put("deleted", totals[1]);
        partial.put("removed_samples", totals[2]);
        partial.put("removed_image_origins", totals[3]);
        return partial;
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        long[] totals = new long[4];
        partials.forEach(partial -> {
            totals[0] += partial.path("selected").asLong();
            totals[1] += partial.path("deleted").asLong();
            totals[2] += partial.path("removed_samples").asLong();
            totals[3] += partial.path("removed_image_origins").asLong();
        });
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("target", task.content().path("target").asString());
        result.put("dry_run", task.content().path("dry_run").asInt());
        result.put("selected", totals[0]);
        result.put("deleted", totals[1]);
        result.put("removed_samples", totals[2]);
        result.put("removed_image_origins", totals[3]);
        return TaskResult.json(result.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
