package io.selene.tasks.types.exporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.selene.commons.error.LunaException;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.engine.SubtaskRun;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskResult;
import io.selene.tasks.engine.TaskRun;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.types.Columns;
import io.selene.tasks.types.Samples;
import io.selene.tasks.types.Selection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code exporter}: the faces or events of the filters as a table, with the columns the request names
 * ({@code targets}, default all; see {@link Columns}) in {@code format} {@code csv} (default) or
 * {@code json}. With {@code with_samples: 1} the result is a zip of the table and every face sample
 * ({@code samples/<sample_id>.jpg}). Rows are in id order.
 */
@Component
public class ExporterTask implements TaskType {

    private final StrictJson strict;

    public ExporterTask(StrictJson strict) {
        this.strict = strict;
    }

    @Override
    public String name() {
        return "exporter";
    }

    @Override
    public int code() {
        return 2;
    }

    @Override
    public String summary() {
        return "Exports the faces or events selected by filters to CSV or JSON with the chosen columns, zipped with "
                + "their face samples when asked.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"objects_type\": \"events\", \"filters\": {\"handler_ids\": "
                + "[\"6e1b2f4e-3b8a-4a43-8a43-6d1b6c3b9f10\"]}, \"targets\": [\"event_id\", \"create_time\", \"age\", "
                + "\"gender\"], \"format\": \"csv\", \"with_samples\": 0}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        ExporterContent body = strict.read(content, ExporterContent.class, "content");
        Selection selection = Selection.of(body.objectsType() == null ? Selection.FACES : body.objectsType(),
                body.filters(), "content");
        Map<String, Function<JsonNode, JsonNode>> columns = Columns.of(selection.faces());
        List<String> targets = body.targets() == null ? List.copyOf(columns.keySet()) : body.targets();
        for (int i = 0; i < targets.size(); i++) {
            if (!columns.containsKey(targets.get(i))) {
                throw JsonFields.bad("content.targets[" + i + "]", "unknown column '" + targets.get(i)
                        + "' of " + selection.objectsType() + "; allowed: " + columns.keySet());
            }
        }
        if (new LinkedHashSet<>(targets).size() != targets.size()) {
            throw JsonFields.bad("content.targets", "a column is named twice");
        }
        String format = body.format() == null ? "csv" : body.format();
        boolean samples = Boolean.TRUE.equals(body.withSamples());
        selection.validate(request.calls(), "content");
        ObjectNode stored = (ObjectNode) selection.toJson();
        ArrayNode names = stored.putArray("targets");
        targets.forEach(names::add);
        stored.put("format", format);
        stored.put("with_samples", samples ? 1 : 0);
        return stored;
    }

    private static Selection selection(JsonNode content) {
        return Selection.stored(content, "objects_type");
    }

    private static List<String> targets(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.path("targets").forEach(name -> names.add(name.asString()));
        return names;
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return selection(task.content()).split(task.calls(), task.settings().objectsPerSubtask());
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        Selection selection = selection(run.content());
        Map<String, Function<JsonNode, JsonNode>> columns = Columns.of(selection.faces());
        List<String> targets = targets(run.content());
        boolean samples = run.content().path("with_samples").asInt() == 1;
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = partial.putArray("rows");
        ArrayNode sampleIds = partial.putArray("samples");
        selection.scan(run, run.subtaskContent(), Columns.EVENT_TARGETS, Map.of(), page -> {
            for (JsonNode object : page) {
                ObjectNode row = rows.addObject();
                for (String target : targets) {
                    JsonNode value = columns.get(target).apply(object);
                    row.set(target, value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value);
                }
                if (samples) {
                    (selection.faces() ? Samples.ofFace(object) : Samples.faceSamplesOfEvent(object))
                            .forEach(sampleIds::add);
                }
            }
            run.items(page.size());
        });
        return partial;
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        JsonNode content = task.content();
        List<String> targets = targets(content);
        boolean json = content.path("format").asString().equals("json");
        boolean withSamples = content.path("with_samples").asInt() == 1;
        long limit = task.settings().maxResultSize().toBytes();
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Set<String> samples = new LinkedHashSet<>();
        boolean[] first = {true};
        write(table, json ? "[" : String.join(",", targets) + "\r\n");
        partials.forEach(partial -> {
            for (JsonNode row : partial.path("rows")) {
                if (json) {
                    write(table, (first[0] ? "" : ",") + row);
                    first[0] = false;
                } else {
                    List<String> cells = new ArrayList<>();
                    targets.forEach(target -> cells.add(Columns.csv(Columns.cell(row.get(target)))));
                    write(table, String.join(",", cells) + "\r\n");
                }
                if (table.size() > limit) {
                    throw TasksErrors.RESULT_TOO_LARGE.exception(task.taskId(), table.size() + "+", limit);
                }
            }
            partial.path("samples").forEach(id -> samples.add(id.asString()));
        });
        if (json) {
            write(table, "]");
        }
        String objects = content.path("objects_type").asString();
        if (!withSamples) {
            return json ? TaskResult.json(table.toByteArray())
                    : new TaskResult(table.toByteArray(), "text/csv", "csv");
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry(objects + (json ? ".json" : ".csv")));
            table.writeTo(out);
            out.closeEntry();
            for (String sample : samples) {
                task.checkCancelled();
                byte[] bytes;
                try {
                    bytes = task.calls().bytes(AccountCalls.IMAGE_STORE, "/1/buckets/" + Samples.FACE_SAMPLES
                            + "/images/" + sample).getBody();
                } catch (LunaException e) {
                    if (!e.status().is4xxClientError()) {
                        throw e;
                    }
                    task.error(e, Map.of("sample_id", sample));
                    continue;
                }
                out.putNextEntry(new ZipEntry("samples/" + sample + ".jpg"));
                out.write(bytes);
                out.closeEntry();
                if (zip.size() > limit) {
                    throw TasksErrors.RESULT_TOO_LARGE.exception(task.taskId(), zip.size() + "+", limit);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TaskResult(zip.toByteArray(), "application/zip", "zip");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
