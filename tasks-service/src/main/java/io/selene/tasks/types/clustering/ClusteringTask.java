package io.selene.tasks.types.clustering;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.json.JsonFields;
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
 * {@code clustering}: groups the faces or events of the filters into people. Exact: every pair whose
 * similarity is at least {@code threshold} is in one cluster (the connected components of the similarity
 * graph, {@link ClusterEngine}); {@code linkage: "average"} then splits each component where the average
 * similarity between its parts is below the threshold. Descriptors ({@code descriptor_version}, default 201)
 * are read in bulk from the owner, at most {@code SELENE_TASKS_CLUSTERING_MAX_DESCRIPTORS}. One part (the
 * graph needs every descriptor at once). Result: {@code {"objects_type", "threshold", "linkage",
 * "objects_count", "clusters_count", "clusters": [{"cluster_id", "size", "representative", "members"}]}},
 * largest cluster first; every object is in exactly one cluster (a lone face is a cluster of one).
 */
@Component
public class ClusteringTask implements TaskType {

    private final TasksSettings settings;

    public ClusteringTask(TasksSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "clustering";
    }

    @Override
    public int code() {
        return 0;
    }

    @Override
    public String summary() {
        return "Groups the faces or events selected by filters into people: every pair at or above the similarity "
                + "threshold joins one cluster (optionally refined by average linkage); clusters with members, sizes "
                + "and a representative.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"objects_type\": \"events\", \"filters\": {\"handler_ids\": "
                + "[\"6e1b2f4e-3b8a-4a43-8a43-6d1b6c3b9f10\"], \"create_time__gte\": \"now-1d\"}, \"threshold\": 0.9, "
                + "\"linkage\": \"single\"}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        JsonFields fields = JsonFields.of(content, "content");
        Selection selection = Selection.read(fields, "objects_type", Selection.FACES, Selection.EVENTS);
        double threshold = fields.number("threshold", settings.clustering().defaultThreshold(), 0.0, 1.0);
        String linkage = fields.oneOf("linkage", "single", List.of("single", "average"));
        int version = version(fields);
        fields.finish();
        Descriptors.validate(request.calls(), selection, version, "content.filters");
        ObjectNode stored = (ObjectNode) selection.toJson();
        stored.put("threshold", threshold);
        stored.put("linkage", linkage);
        stored.put("descriptor_version", version);
        return stored;
    }

    /** {@code descriptor_version} of a content, default the platform's face descriptor. */
    public static int version(JsonFields fields) {
        int version = fields.integer("descriptor_version", DescriptorVersion.DEFAULT_FACE.number(), 0,
                Integer.MAX_VALUE);
        if (DescriptorVersion.of(version).isEmpty()) {
            throw JsonFields.bad(fields.path("descriptor_version"), "unknown descriptor version; known: "
                    + DescriptorVersion.numbers());
        }
        return version;
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return List.of(JsonNodeFactory.instance.objectNode());
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        JsonNode content = run.content();
        Selection selection = Selection.stored(content, "objects_type");
        Descriptors.Rows rows = Descriptors.select(run, selection, content.path("descriptor_version").asInt(),
                settings.clustering().maxDescriptors());
        run.items(rows.size());
        double threshold = content.path("threshold").asDouble();
        ClusterEngine engine = new ClusterEngine(rows.data(), rows.size(), rows.dimensions(),
                settings.clustering().kernelThreads());
        List<ClusterEngine.Cluster> clusters = rows.size() == 0 ? List.of()
                : engine.cluster(cosine(threshold), content.path("linkage").asString().equals("average"),
                        run::checkCancelled);
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.put("objects_count", rows.size());
        ArrayNode out = partial.putArray("clusters");
        int id = 0;
        for (ClusterEngine.Cluster cluster : clusters) {
            ObjectNode node = out.addObject();
            node.put("cluster_id", id++);
            node.put("size", cluster.size());
            node.put("representative", rows.id(cluster.representative()).toString());
            ArrayNode members = node.putArray("members");
            for (int member : cluster.members()) {
                members.add(rows.id(member).toString());
            }
        }
        return partial;
    }

    /**
     * The cosine a similarity threshold stands for, as float: nudged down by an ulp so that a pair whose
     * similarity is exactly the threshold (in doubles) is not lost to the float rounding of the cosine.
     */
    static float cosine(double similarity) {
        return Math.nextDown((float) Similarity.toCosine(similarity));
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        JsonNode[] partial = new JsonNode[1];
        partials.forEach(p -> partial[0] = p);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        JsonNode content = task.content();
        result.put("objects_type", content.path("objects_type").asString());
        result.put("threshold", content.path("threshold").asDouble());
        result.put("linkage", content.path("linkage").asString());
        result.put("descriptor_version", content.path("descriptor_version").asInt());
        if (partial[0] == null) {
            throw TasksErrors.PART_FAILED.exception(task.taskId());
        }
        result.put("objects_count", partial[0].path("objects_count").asInt());
        result.put("clusters_count", partial[0].path("clusters").size());
        result.set("clusters", partial[0].path("clusters"));
        byte[] body = result.toString().getBytes(StandardCharsets.UTF_8);
        long limit = task.settings().maxResultSize().toBytes();
        if (body.length > limit) {
            throw TasksErrors.RESULT_TOO_LARGE.exception(task.taskId(), body.length, limit);
        }
        return TaskResult.json(body);
    }
}
