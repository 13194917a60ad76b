package io.selene.tasks.types.clustering;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.json.StrictJson;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.ResultStore;
import io.selene.tasks.engine.SubtaskRun;
import io.selene.tasks.engine.TaskRepository;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskResult;
import io.selene.tasks.engine.TaskRun;
import io.selene.tasks.engine.TaskStatus;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.types.Descriptors;
import io.selene.tasks.types.Selection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
 *
 * <p>Incremental ({@code previous_task_id}, single linkage): the previous done clustering task's clusters
 * plus the objects of the same filters created since that task was created, scored new × new and new × old
 * only ({@link ClusterEngine#addTo}); members whose descriptors are gone are dropped and their clusters
 * re-checked. The result also holds {@code incremental: {previous_task_id, new_objects, removed_objects,
 * merges, splits}}.
 */
@Component
public class ClusteringTask implements TaskType {

    private final TasksSettings settings;
    private final TaskRepository tasks;
    private final ResultStore results;
    private final JsonMapper json;
    private final StrictJson strict;

    public ClusteringTask(TasksSettings settings, TaskRepository tasks, ResultStore results, JsonMapper json,
            StrictJson strict) {
        this.strict = strict;
        this.settings = settings;
        this.tasks = tasks;
        this.results = results;
        this.json = json;
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
        ClusteringContent body = strict.read(content, ClusteringContent.class, "content");
        Selection selection = Selection.of(body.objectsType() == null ? Selection.FACES : body.objectsType(),
                body.filters(), "content");
        double threshold = body.threshold() == null ? settings.clustering().defaultThreshold() : body.threshold();
        String linkage = body.linkage() == null ? "single" : body.linkage();
        int version = Descriptors.version(body.descriptorVersion(), "content.descriptor_version");
        Integer previousId = body.previousTaskId();
        Descriptors.validate(request.calls(), selection, version, "content.filters");
        ObjectNode stored = (ObjectNode) selection.toJson();
        stored.put("threshold", threshold);
        stored.put("linkage", linkage);
        stored.put("descriptor_version", version);
        if (previousId != null) {
            TaskRepository.Task previous = previous(previousId, request.accountId());
            JsonNode before = previous.content();
            if (previous.status() != TaskStatus.DONE) {
                throw TasksErrors.PREVIOUS_TASK_REFUSED.exception(previousId, "it is not done");
            }
            if (!linkage.equals("single")) {
                throw TasksErrors.PREVIOUS_TASK_REFUSED.exception(previousId,
                        "only single linkage can be continued exactly");
            }
            if (!before.path("objects_type").asString().equals(selection.objectsType())
                    || before.path("threshold").asDouble() != threshold
                    || !before.path("linkage").asString().equals(linkage)
                    || before.path("descriptor_version").asInt() != version) {
                throw TasksErrors.PREVIOUS_TASK_REFUSED.exception(previousId,
                        "objects_type, threshold, linkage and descriptor_version must be its own");
            }
            if (selection.filters().has("create_time__gte")) {
                throw TasksErrors.PREVIOUS_TASK_REFUSED.exception(previousId,
                        "create_time__gte is set by previous_task_id (its create_time)");
            }
            stored.put("previous_task_id", previousId);
        }
        return stored;
    }

    /** A clustering task of the account with a stored result (another account's task is "not found"). */
    private TaskRepository.Task previous(long taskId, UUID account) {
        TaskRepository.Task task = tasks.find(taskId).filter(t -> t.accountId().equals(account))
                .orElseThrow(() -> TasksErrors.PREVIOUS_TASK_REFUSED.exception(taskId, "not found"));
        if (!task.type().equals(name())) {
            throw TasksErrors.PREVIOUS_TASK_REFUSED.exception(taskId, "it is not a clustering task");
        }
        if (task.status() == TaskStatus.DONE && task.resultId() == null) {
            throw TasksErrors.PREVIOUS_TASK_REFUSED.exception(taskId, "its result is gone");
        }
        return task;
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return List.of(JsonNodeFactory.instance.objectNode());
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        JsonNode content = run.content();
        if (content.has("previous_task_id")) {
            return incremental(run, content);
        }
        Selection selection = Selection.stored(content, "objects_type");
        Descriptors.Rows rows = Descriptors.select(run, selection, content.path("descriptor_version").asInt(),
                settings.clustering().maxDescriptors());
        run.items(rows.size());
        double threshold = content.path("threshold").asDouble();
        ClusterEngine engine = new ClusterEngine(rows.data(), rows.size(), rows.dimensions(),
                settings.clustering().kernelThreads());
        List<ClusterEngine.Cluster> clusters = rows.size() == 0 ? List.of()
                : engine.cluster(cosine(threshold, content.path("descriptor_version").asInt()),
                        content.path("linkage").asString().equals("average"), run::checkCancelled);
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

    private JsonNode incremental(SubtaskRun run, JsonNode content) {
        long previousId = content.path("previous_task_id").asLong();
        TaskRepository.Task previous = previous(previousId, run.accountId());
        JsonNode before;
        try {
            before = json.readTree(Objects.requireNonNull(results.get(previous).getBody()));
        } catch (io.selene.commons.error.LunaException e) {
            throw TasksErrors.PREVIOUS_TASK_REFUSED.exception(previousId, "its result cannot be read ("
                    + e.getMessage() + ")");
        }
        // the previous clusters by position, and each old object's cluster
        List<Integer> beforeIds = new ArrayList<>();
        List<Integer> beforeSizes = new ArrayList<>();
        Map<UUID, Integer> clusterOf = new HashMap<>();
        for (JsonNode cluster : before.path("clusters")) {
            int c = beforeIds.size();
            beforeIds.add(cluster.path("cluster_id").asInt());
            beforeSizes.add(cluster.path("members").size());
            cluster.path("members").forEach(id -> clusterOf.put(UUID.fromString(id.asString()), c));
        }
        Selection given = Selection.stored(content, "objects_type");
        int version = content.path("descriptor_version").asInt();
        int max = settings.clustering().maxDescriptors();
        Descriptors.Rows old = Descriptors.ofIds(run, given.faces(), new ArrayList<>(clusterOf.keySet()), version);
        ObjectNode filters = given.filters().deepCopy();
        filters.put("create_time__gte", previous.createTime().toInstant().toString());
        Descriptors.Rows added = Descriptors.select(run, new Selection(given.objectsType(), filters), version,
                Math.max(0, max - old.size()));
        // an object the previous run already read (created while it waited) is old, not new
        List<Integer> fresh = new ArrayList<>();
        for (int row = 0; row < added.size(); row++) {
            if (!clusterOf.containsKey(added.id(row))) {
                fresh.add(row);
            }
        }
        int n = fresh.size() + old.size();
        int d = old.dimensions();
        float[] data = new float[Math.max(1, n) * d];
        UUID[] ids = new UUID[n];
        int[] previousCluster = new int[old.size()];
        int[] present = new int[beforeIds.size()];
        for (int i = 0; i < fresh.size(); i++) {
            System.arraycopy(added.data(), fresh.get(i) * d, data, i * d, d);
            ids[i] = added.id(fresh.get(i));
        }
        for (int row = 0; row < old.size(); row++) {
            int at = fresh.size() + row;
            System.arraycopy(old.data(), row * d, data, at * d, d);
            ids[at] = old.id(row);
            previousCluster[row] = clusterOf.get(old.id(row));
            present[previousCluster[row]]++;
        }
        boolean[] shrunk = new boolean[beforeIds.size()];
        for (int c = 0; c < shrunk.length; c++) {
            shrunk[c] = present[c] < beforeSizes.get(c);
        }
        run.items(n);
        ClusterEngine.Incremental result = n == 0 ? new ClusterEngine.Incremental(List.of(), List.of(), List.of())
                : new ClusterEngine(data, n, d, settings.clustering().kernelThreads()).addTo(fresh.size(),
                        previousCluster, shrunk, cosine(content.path("threshold").asDouble(),
                        content.path("descriptor_version").asInt()), run::checkCancelled);
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        partial.put("objects_count", n);
        ArrayNode out = partial.putArray("clusters");
        int id = 0;
        for (ClusterEngine.Cluster cluster : result.clusters()) {
            ObjectNode node = out.addObject();
            node.put("cluster_id", id++);
            node.put("size", cluster.size());
            node.put("representative", ids[cluster.representative()].toString());
            ArrayNode members = node.putArray("members");
            for (int member : cluster.members()) {
                members.add(ids[member].toString());
            }
        }
        ObjectNode incremental = partial.putObject("incremental");
        incremental.put("previous_task_id", previousId);
        incremental.put("new_objects", fresh.size());
        incremental.put("removed_objects", clusterOf.size() - old.size());
        ArrayNode merges = incremental.putArray("merges");
        for (ClusterEngine.Merge merge : result.merges()) {
            ObjectNode node = merges.addObject();
            ArrayNode beforeClusters = node.putArray("cluster_ids_before");
            for (int c : merge.previousClusters()) {
                beforeClusters.add(beforeIds.get(c));
            }
            node.put("cluster_id", merge.cluster());
        }
        ArrayNode splits = incremental.putArray("splits");
        for (ClusterEngine.Split split : result.splits()) {
            ObjectNode node = splits.addObject();
            node.put("cluster_id_before", beforeIds.get(split.previousCluster()));
            ArrayNode after = node.putArray("cluster_ids");
            for (int c : split.clusters()) {
                after.add(c);
            }
        }
        return partial;
    }

    /**
     * The cosine a similarity threshold stands for, as float: nudged down by an ulp so that a pair whose
     * similarity is exactly the threshold (in doubles) is not lost to the float rounding of the cosine.
     */
    static float cosine(double similarity, int version) {
        return Math.nextDown((float) Similarity.toCosine(similarity, DescriptorVersion.require(version)));
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
        if (partial[0].has("incremental")) {
            result.set("incremental", partial[0].path("incremental"));
        }
        byte[] body = result.toString().getBytes(StandardCharsets.UTF_8);
        long limit = task.settings().maxResultSize().toBytes();
        if (body.length > limit) {
            throw TasksErrors.RESULT_TOO_LARGE.exception(task.taskId(), body.length, limit);
        }
        return TaskResult.json(body);
    }
}
