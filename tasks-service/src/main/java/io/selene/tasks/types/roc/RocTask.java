package io.selene.tasks.types.roc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.json.StrictJson;
import io.selene.tasks.TasksErrors;
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
 * {@code roc}: a verification test of the account's faces or events from a markup, either
 * {@code pairs} ({@code [{"id1", "id2", "same": 0|1}]}, ≤ 100,000) or {@code labels}
 * ({@code [{"id", "label"}]}, ≤ 5,000 ids: every pair of the same label is genuine, every other pair an
 * impostor). Scores are the platform's similarities of the descriptors ({@code descriptor_version},
 * default 201). Result: a zip of {@code roc.json} (TAR and threshold at FAR 1e-2..1e-6, EER, the curve),
 * {@code roc.png} and {@code roc.svg} (the curve, FAR on a log axis). An id without a descriptor is a task error
 * ({@code 28121}) and its pairs are left out; a markup that leaves no genuine or no impostor pair fails the
 * task ({@code 28120}). One part: the scores are cheap next to reading the descriptors.
 */
@Component
public class RocTask implements TaskType {

    private final StrictJson strict;

    public RocTask(StrictJson strict) {
        this.strict = strict;
    }

    static final int MAX_PAIRS = 100_000;
    static final int MAX_LABELS = 5_000;
    private static final int PLOT_WIDTH = 800;
    private static final int PLOT_HEIGHT = 600;

    @Override
    public String name() {
        return "roc";
    }

    @Override
    public int code() {
        return 7;
    }

    @Override
    public String summary() {
        return "Measures verification accuracy on a markup of the account's faces or events (pairs marked same or "
                + "different, or ids with person labels): TAR at FAR 1e-2..1e-6, EER, thresholds and a ROC plot.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"objects_type\": \"faces\", \"markup\": {\"labels\": [{\"id\": "
                + "\"2a7f1c52-4a8e-4c8f-9c53-3e2b5f0e6a11\", \"label\": \"alice\"}, {\"id\": "
                + "\"5b1e9d7a-0c3f-4d2a-8e6b-7f4a1c2d3e44\", \"label\": \"alice\"}, {\"id\": "
                + "\"9c2d8e6f-1a4b-4c3d-9e7f-8a5b2c3d4e55\", \"label\": \"bob\"}]}}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        RocContent body = strict.read(content, RocContent.class, "content");
        String objects = body.objectsType() == null ? Selection.FACES : body.objectsType();
        int version = Descriptors.version(body.descriptorVersion(), "content.descriptor_version");
        JsonNode markupNode = body.markup();
        if (markupNode == null || !markupNode.isObject()) {
            throw TasksErrors.BAD_MARKUP.exception("content.markup must be an object with 'pairs' or 'labels'");
        }
        ObjectNode markup = markup(markupNode);
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.put("objects_type", objects);
        stored.put("descriptor_version", version);
        stored.set("markup", markup);
        return stored;
    }

    /** Checks the markup; refusals are {@code 28120} naming the item. */
    static ObjectNode markup(JsonNode markup) {
        boolean pairs = markup.has("pairs");
        boolean labels = markup.has("labels");
        if (pairs == labels || markup.size() != 1) {
            throw TasksErrors.BAD_MARKUP.exception("give exactly one of 'pairs' or 'labels'");
        }
        JsonNode items = markup.get(pairs ? "pairs" : "labels");
        String at = "content.markup." + (pairs ? "pairs" : "labels");
        int max = pairs ? MAX_PAIRS : MAX_LABELS;
        if (!items.isArray() || items.isEmpty() || items.size() > max) {
            throw TasksErrors.BAD_MARKUP.exception(at + " must be an array of 1.." + max + " items");
        }
        ObjectNode clean = JsonNodeFactory.instance.objectNode();
        ArrayNode out = clean.putArray(pairs ? "pairs" : "labels");
        Set<UUID> seen = new LinkedHashSet<>();
        boolean same = false;
        boolean different = false;
        Map<String, Integer> perLabel = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String itemAt = at + "[" + i + "]";
            if (!item.isObject()) {
                throw TasksErrors.BAD_MARKUP.exception(itemAt + " must be an object");
            }
            ObjectNode copy = out.addObject();
            if (pairs) {
                UUID a = id(item.get("id1"), itemAt + ".id1");
                UUID b = id(item.get("id2"), itemAt + ".id2");
                JsonNode flag = item.get("same");
                if (flag == null || !flag.isIntegralNumber() || flag.asInt() < 0 || flag.asInt() > 1
                        || item.size() != 3) {
                    throw TasksErrors.BAD_MARKUP.exception(itemAt + " must be {\"id1\", \"id2\", \"same\": 0|1}");
                }
                if (a.equals(b)) {
                    throw TasksErrors.BAD_MARKUP.exception(itemAt + " pairs an id with itself");
                }
                same |= flag.asInt() == 1;
                different |= flag.asInt() == 0;
                copy.put("id1", a.toString());
                copy.put("id2", b.toString());
                copy.put("same", flag.asInt());
            } else {
                UUID id = id(item.get("id"), itemAt + ".id");
                JsonNode label = item.get("label");
                if (label == null || !(label.isString() || label.isIntegralNumber()) || label.asString().isEmpty()
                        || label.asString().length() > 128 || item.size() != 2) {
                    throw TasksErrors.BAD_MARKUP.exception(itemAt + " must be {\"id\", \"label\": 1..128 chars}");
                }
                if (!seen.add(id)) {
                    throw TasksErrors.BAD_MARKUP.exception(itemAt + ".id is labelled twice");
                }
                perLabel.merge(label.asString(), 1, Integer::sum);
                copy.put("id", id.toString());
                copy.put("label", label.asString());
            }
        }
        if (labels) {
            same = perLabel.values().stream().anyMatch(count -> count > 1);
            different = perLabel.size() > 1;
        }
        if (!same || !different) {
            throw TasksErrors.BAD_MARKUP.exception("it needs at least one genuine (same person) and one impostor "
                    + "(different people) pair");
        }
        return clean;
    }

    private static UUID id(JsonNode value, String at) {
        if (value != null && value.isString() && value.asString().length() == 36) {
            try {
                return UUID.fromString(value.asString());
            } catch (IllegalArgumentException e) {
                // below
            }
        }
        throw TasksErrors.BAD_MARKUP.exception(at + " must be a UUID");
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return List.of(JsonNodeFactory.instance.objectNode());
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        JsonNode content = run.content();
        boolean faces = content.path("objects_type").asString().equals(Selection.FACES);
        int version = content.path("descriptor_version").asInt();
        JsonNode markup = content.path("markup");
        boolean pairs = markup.has("pairs");
        Set<UUID> ids = new LinkedHashSet<>();
        for (JsonNode item : markup.path(pairs ? "pairs" : "labels")) {
            if (pairs) {
                ids.add(UUID.fromString(item.path("id1").asString()));
                ids.add(UUID.fromString(item.path("id2").asString()));
            } else {
                ids.add(UUID.fromString(item.path("id").asString()));
            }
        }
        Descriptors.Rows rows = Descriptors.ofIds(run, faces, new ArrayList<>(ids), version);
        Map<UUID, Integer> rowOf = new HashMap<>();
        for (int row = 0; row < rows.size(); row++) {
            rowOf.put(rows.id(row), row);
        }
        List<String> missing = new ArrayList<>();
        for (UUID id : ids) {
            if (!rowOf.containsKey(id)) {
                missing.add(id.toString());
                run.error(TasksErrors.NO_DESCRIPTOR.exception(id, version), Map.of(faces ? "face_id" : "event_id",
                        id.toString()));
            }
        }
        run.items(ids.size());
        FloatList genuine = new FloatList();
        FloatList impostor = new FloatList();
        if (pairs) {
            for (JsonNode pair : markup.path("pairs")) {
                Integer a = rowOf.get(UUID.fromString(pair.path("id1").asString()));
                Integer b = rowOf.get(UUID.fromString(pair.path("id2").asString()));
                if (a != null && b != null) {
                    (pair.path("same").asInt() == 1 ? genuine : impostor).add(score(rows, a, b, version));
                }
            }
        } else {
            List<Integer> present = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (JsonNode item : markup.path("labels")) {
                Integer row = rowOf.get(UUID.fromString(item.path("id").asString()));
                if (row != null) {
                    present.add(row);
                    labels.add(item.path("label").asString());
                }
            }
            for (int i = 0; i < present.size(); i++) {
                if (i % 256 == 0) {
                    run.checkCancelled();
                }
                for (int j = i + 1; j < present.size(); j++) {
                    (labels.get(i).equals(labels.get(j)) ? genuine : impostor).add(score(rows, present.get(i),
                            present.get(j), version));
                }
            }
        }
        if (genuine.size == 0 || impostor.size == 0) {
            throw TasksErrors.BAD_MARKUP.exception("the objects with descriptors leave " + genuine.size
                    + " genuine and " + impostor.size + " impostor pairs; both are needed");
        }
        ObjectNode partial = report(new Roc(genuine.toArray(), impostor.toArray()));
        partial.put("objects_type", content.path("objects_type").asString());
        partial.put("descriptor_version", version);
        ArrayNode without = partial.putArray("objects_without_descriptor");
        missing.forEach(without::add);
        return partial;
    }

    private static float score(Descriptors.Rows rows, int a, int b, int version) {
        return (float) Similarity.fromCosine(rows.dot(a, b), DescriptorVersion.require(version));
    }

    /** The JSON report of a ROC (without the plot). */
    static ObjectNode report(Roc roc) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("genuine_pairs", roc.genuineCount());
        report.put("impostor_pairs", roc.impostorCount());
        double[] eer = roc.eer();
        report.put("eer", eer[0]);
        report.put("eer_threshold", eer[1]);
        ArrayNode points = report.putArray("far_points");
        for (double far : Roc.FARS) {
            point(points.addObject(), roc.at(far));
        }
        ArrayNode curve = report.putArray("curve");
        for (Roc.Point point : roc.curve()) {
            point(curve.addObject(), point);
        }
        return report;
    }

    private static void point(ObjectNode node, Roc.Point point) {
        node.put("far", point.far());
        node.put("threshold", point.threshold());
        node.put("tar", point.tar());
        node.put("measurable", point.measurable());
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        JsonNode[] report = new JsonNode[1];
        partials.forEach(partial -> report[0] = partial);
        if (report[0] == null) {
            throw TasksErrors.PART_FAILED.exception(task.taskId());
        }
        List<Roc.Point> curve = new ArrayList<>();
        for (JsonNode point : report[0].path("curve")) {
            curve.add(new Roc.Point(point.path("far").asDouble(), point.path("threshold").asDouble(),
                    point.path("tar").asDouble(), point.path("measurable").asBoolean()));
        }
        byte[] png = Roc.png(curve, report[0].path("eer").asDouble(), PLOT_WIDTH, PLOT_HEIGHT);
        byte[] svg = Roc.svg(curve, report[0].path("eer").asDouble(), PLOT_WIDTH, PLOT_HEIGHT);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("roc.json"));
            out.write(report[0].toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("roc.png"));
            out.write(png);
            out.closeEntry();
            out.putNextEntry(new ZipEntry("roc.svg"));
            out.write(svg);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TaskResult(zip.toByteArray(), "application/zip", "zip");
    }

    /** A growable float array (impostor pairs of a labelled markup reach millions). */
    private static final class FloatList {

        private float[] values = new float[1024];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
