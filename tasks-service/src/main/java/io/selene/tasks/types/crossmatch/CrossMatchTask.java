package io.selene.tasks.types.crossmatch;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.json.StrictJson;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.SubtaskRun;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskResult;
import io.selene.tasks.engine.TaskRun;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.types.Descriptors;
import io.selene.tasks.types.Selection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cross_match}: every reference of set A against the candidates of set B, each set
 * {@code {"objects_type": "faces" | "events", "filters": {...}}} (e.g. a {@code list_id}, handlers and a
 * time range). Per reference the best {@code limit} (1..100, default 3) candidates whose similarity is at
 * least {@code threshold} (default 0), best first; an object is never its own candidate. Both sets are read
 * in bulk and scored in one batch ({@link CrossMatcher}), never one request per face. Result:
 * {@code {"references_count", "candidates_count", "limit", "threshold", "matches": [{"reference_id",
 * "candidates": [{"candidate_id", "similarity"}]}]}}, references in the order read.
 */
@Component
public class CrossMatchTask implements TaskType {

    static final int MAX_LIMIT = 100;
    private final TasksSettings settings;

    private final StrictJson strict;

    public CrossMatchTask(TasksSettings settings, StrictJson strict) {
        this.settings = settings;
        this.strict = strict;
    }

    @Override
    public String name() {
        return "cross_match";
    }

    @Override
    public int code() {
        return 3;
    }

    @Override
    public String summary() {
        return "Matches every reference of one set of faces or events against the candidates of another (lists, "
                + "events by filters) in one batch: the top candidates per reference above a threshold.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"references\": {\"objects_type\": \"events\", \"filters\": {\"create_time__gte\": "
                + "\"now-1d\"}}, \"candidates\": {\"objects_type\": \"faces\", \"filters\": {\"list_id\": "
                + "\"6e1b2f4e-3b8a-4a43-8a43-6d1b6c3b9f10\"}}, \"limit\": 3, \"threshold\": 0.9}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        CrossMatchContent body = strict.read(content, CrossMatchContent.class, "content");
        Selection a = selection(body.references(), "content.references");
        Selection b = selection(body.candidates(), "content.candidates");
        int limit = body.limit() == null ? 3 : body.limit();
        double threshold = body.threshold() == null ? 0.0 : body.threshold();
        int version = Descriptors.version(body.descriptorVersion(), "content.descriptor_version");
        Descriptors.validate(request.calls(), a, version, "content.references.filters");
        Descriptors.validate(request.calls(), b, version, "content.candidates.filters");
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.set("references", a.toJson());
        stored.set("candidates", b.toJson());
        stored.put("limit", limit);
        stored.put("threshold", threshold);
        stored.put("descriptor_version", version);
        return stored;
    }

    private static Selection selection(CrossMatchContent.Side side, String at) {
        return Selection.of(side.objectsType() == null ? Selection.FACES : side.objectsType(), side.filters(), at);
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return List.of(JsonNodeFactory.instance.objectNode());
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        JsonNode content = run.content();
        int version = content.path("descriptor_version").asInt();
        int max = settings.clustering().maxDescriptors();
        Descriptors.Rows refs = Descriptors.select(run, Selection.stored(content.path("references"), "objects_type"),
                version, max);
        Descriptors.Rows cands = Descriptors.select(run, Selection.stored(content.path("candidates"),
                "objects_type"), version, max);
        run.items(refs.size());
        Map<UUID, Integer> candidateRow = new HashMap<>();
        for (int c = 0; c < cands.size(); c++) {
            candidateRow.put(cands.id(c), c);
        }
        int[] same = new int[refs.size()];
        for (int r = 0; r < refs.size(); r++) {
            same[r] = candidateRow.getOrDefault(refs.id(r), -1);
        }
        double threshold = content.path("threshold").asDouble();
        float minCosine = threshold <= 0 ? Float.NEGATIVE_INFINITY
                : Math.nextDown((float) Similarity.toCosine(threshold, DescriptorVersion.require(version)));
        List<CrossMatcher.Top> tops = refs.size() == 0 || cands.size() == 0 ? List.of()
                : CrossMatcher.match(refs.data(), refs.size(), cands.data(), cands.size(), refs.dimensions(),
                        content.path("limit").asInt(), minCosine, same, settings.clustering().kernelThreads(),
                        run::checkCancelled);
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.put("references_count", refs.size());
        partial.put("candidates_count", cands.size());
        ArrayNode matches = partial.putArray("matches");
        for (int r = 0; r < tops.size(); r++) {
            ObjectNode match = matches.addObject();
            match.put("reference_id", refs.id(r).toString());
            ArrayNode list = match.putArray("candidates");
            CrossMatcher.Top top = tops.get(r);
            for (int i = 0; i < top.rows().length; i++) {
                double similarity = Similarity.fromCosine(top.scores()[i], DescriptorVersion.require(version));
                if (similarity < threshold) {
                    continue; // the float cosine was nudged down; the answer keeps the exact rule
                }
                ObjectNode candidate = list.addObject();
                candidate.put("candidate_id", cands.id(top.rows()[i]).toString());
                candidate.put("similarity", similarity);
            }
        }
        return partial;
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        JsonNode[] partial = new JsonNode[1];
        partials.forEach(p -> partial[0] = p);
        if (partial[0] == null) {
            throw TasksErrors.PART_FAILED.exception(task.taskId());
        }
        JsonNode content = task.content();
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("references_type", content.path("references").path("objects_type").asString());
        result.put("candidates_type", content.path("candidates").path("objects_type").asString());
        result.put("references_count", partial[0].path("references_count").asInt());
        result.put("candidates_count", partial[0].path("candidates_count").asInt());
        result.put("limit", content.path("limit").asInt());
        result.put("threshold", content.path("threshold").asDouble());
        result.set("matches", partial[0].path("matches"));
        return TaskResult.json(result.toString().getBytes(StandardCharsets.UTF_8));
    }
}
