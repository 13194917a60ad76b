package io.selene.tasks.types.reporter;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.engine.SubtaskRun;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskResult;
import io.selene.tasks.engine.TaskRun;
import io.selene.tasks.engine.TaskType;
import io.selene.tasks.types.Columns;
import io.selene.tasks.types.Selection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code reporter}: a CSV report of the events (or faces) of the filters, counted per group of 1..3
 * {@code group_by} columns (e.g. {@code create_time} per {@code day} × {@code handler_id} × {@code gender}),
 * with the {@code aggregates} asked for ({@code count} always; {@code avg_age}, {@code min_age},
 * {@code max_age}). Each subtask counts its range; the merge adds the counts up. Rows are ordered by the
 * group values; at most 100000 groups.
 *
 * <p>LUNA's own reporter builds a report of a clustering task (clusters × object columns); that needs
 * clustering (the next issue). This reporter is the grouping report the issue asks for, on the same engine.
 */
@Component
public class ReporterTask implements TaskType {

    private final StrictJson strict;

    public ReporterTask(StrictJson strict) {
        this.strict = strict;
    }

    private static final int MAX_GROUPS = 100_000;
    private static final tools.jackson.databind.json.JsonMapper KEYS = tools.jackson.databind.json.JsonMapper.builder()
            .build();
    private static final Set<String> FACE_GROUPS = Set.of("create_time", "gender", "lists", "external_id");

    @Override
    public String name() {
        return "reporter";
    }

    @Override
    public int code() {
        return 1;
    }

    @Override
    public String summary() {
        return "A CSV report of the events or faces selected by filters, counted per group of columns (e.g. per day "
                + "x handler x gender), with average, minimum and maximum age when asked.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"objects_type\": \"events\", \"filters\": {\"create_time__gte\": \"now-7d\"}, "
                + "\"group_by\": [{\"column\": \"create_time\", \"period\": \"day\"}, {\"column\": \"handler_id\"}, "
                + "{\"column\": \"gender\"}], \"aggregates\": [\"count\", \"avg_age\"]}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        ReporterContent body = strict.read(content, ReporterContent.class, "content");
        Selection selection = Selection.of(body.objectsType() == null ? Selection.EVENTS : body.objectsType(),
                body.filters(), "content");
        Set<String> allowed = selection.faces() ? FACE_GROUPS : Columns.EVENT_GROUPS;
        ObjectNode stored = (ObjectNode) selection.toJson();
        ArrayNode storedGroups = stored.putArray("group_by");
        for (int i = 0; i < body.groupBy().size(); i++) {
            ReporterContent.Group group = body.groupBy().get(i);
            String at = "content.group_by[" + i + "]";
            if (!allowed.contains(group.column())) {
                throw JsonFields.bad(at + ".column", "must be one of " + new TreeSet<>(allowed));
            }
            boolean time = group.column().endsWith("_time");
            if (group.period() != null && !time) {
                throw JsonFields.bad(at + ".period", "only for create_time and end_time");
            }
            ObjectNode entry = storedGroups.addObject().put("column", group.column());
            if (time) {
                entry.put("period", group.period() == null ? "day" : group.period());
            }
        }
        ArrayNode storedAggregates = stored.putArray("aggregates");
        (body.aggregates() == null ? List.of("count") : body.aggregates()).forEach(storedAggregates::add);
        selection.validate(request.calls(), "content");
        return stored;
    }

    private static Selection selection(JsonNode content) {
        return Selection.stored(content, "objects_type");
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        return selection(task.content()).split(task.calls(), task.settings().objectsPerSubtask());
    }

    /** count, age sum, age count, age min, age max of one group. */
    private static double[] empty() {
        return new double[] {0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        Selection selection = selection(run.content());
        Map<String, Function<JsonNode, JsonNode>> columns = Columns.of(selection.faces());
        JsonNode groupBy = run.content().path("group_by");
        Map<String, double[]> groups = new TreeMap<>();
        selection.scan(run, run.subtaskContent(), Columns.EVENT_TARGETS, Map.of(), page -> {
            for (JsonNode object : page) {
                JsonNode age = columns.get("age").apply(object);
                for (String key : keys(object, groupBy, columns)) {
                    double[] group = groups.computeIfAbsent(key, k -> empty());
                    group[0]++;
                    if (age.isNumber()) {
                        group[1] += age.asDouble();
                        group[2]++;
                        group[3] = Math.min(group[3], age.asDouble());
                        group[4] = Math.max(group[4], age.asDouble());
                    }
                }
                if (groups.size() > MAX_GROUPS) {
                    throw TasksErrors.RESULT_TOO_LARGE.exception(run.taskId(), groups.size() + " groups", MAX_GROUPS);
                }
            }
            run.items(page.size());
        });
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        groups.forEach((key, group) -> {
            ArrayNode values = partial.putArray(key);
            for (double value : group) {
                values.add(Double.isInfinite(value) ? null : value);
            }
        });
        return partial;
    }

    /** The group keys of one object (a JSON array of the group values); a face in several lists is in each. */
    private static List<String> keys(JsonNode object, JsonNode groupBy, Map<String, Function<JsonNode, JsonNode>> columns) {
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(new ArrayList<>());
        for (JsonNode group : groupBy) {
            String column = group.path("column").asString();
            List<String> values = new ArrayList<>();
            JsonNode value = columns.get(column).apply(object);
            if (column.endsWith("_time")) {
                values.add(period(value, group.path("period").asString()));
            } else if (value.isArray()) {
                value.forEach(item -> values.add(Columns.cell(item)));
                if (values.isEmpty()) {
                    values.add("");
                }
            } else {
                values.add(Columns.cell(value));
            }
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combinations) {
                for (String item : values) {
                    List<String> longer = new ArrayList<>(prefix);
                    longer.add(item);
                    next.add(longer);
                }
            }
            combinations = next;
        }
        List<String> keys = new ArrayList<>();
        for (List<String> combination : combinations) {
            ArrayNode key = JsonNodeFactory.instance.arrayNode();
            combination.forEach(key::add);
            keys.add(key.toString());
        }
        return keys;
    }

    /** The start of the UTC period a time falls in, e.g. {@code 2026-11-28} for a day. */
    static String period(JsonNode value, String period) {
        if (!value.isString()) {
            return "";
        }
        OffsetDateTime time = OffsetDateTime.parse(value.asString()).withOffsetSameInstant(ZoneOffset.UTC);
        return switch (period) {
            case "hour" -> time.truncatedTo(ChronoUnit.HOURS).toString();
            case "week" -> time.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            case "month" -> time.toLocalDate().withDayOfMonth(1).toString().substring(0, 7);
            case "year" -> String.valueOf(time.getYear());
            default -> time.toLocalDate().toString();
        };
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        Map<String, double[]> groups = new TreeMap<>();
        partials.forEach(partial -> {
            for (String key : partial.propertyNames()) {
                JsonNode values = partial.get(key);
                double[] group = groups.computeIfAbsent(key, k -> empty());
                group[0] += values.get(0).asDouble();
                group[1] += values.get(1).asDouble();
                group[2] += values.get(2).asDouble();
                if (values.get(3).isNumber()) {
                    group[3] = Math.min(group[3], values.get(3).asDouble());
                    group[4] = Math.max(group[4], values.get(4).asDouble());
                }
            }
            if (groups.size() > MAX_GROUPS) {
                throw TasksErrors.RESULT_TOO_LARGE.exception(task.taskId(), groups.size() + " groups", MAX_GROUPS);
            }
        });
        List<String> header = new ArrayList<>();
        task.content().path("group_by").forEach(group -> header.add(group.path("column").asString()
                + (group.has("period") ? "_" + group.path("period").asString() : "")));
        List<String> aggregates = new ArrayList<>();
        task.content().path("aggregates").forEach(aggregate -> aggregates.add(aggregate.asString()));
        header.addAll(aggregates);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append("\r\n");
        groups.forEach((key, group) -> {
            List<String> cells = new ArrayList<>();
            try {
                KEYS.readTree(key).forEach(value -> cells.add(Columns.csv(value.asString())));
            } catch (RuntimeException e) {
                cells.add(Columns.csv(key));
            }
            for (String aggregate : aggregates) {
                cells.add(switch (aggregate) {
                    case "count" -> String.valueOf((long) group[0]);
                    case "avg_age" -> group[2] == 0 ? "" : String.valueOf(Math.round(group[1] / group[2] * 100) / 100.0);
                    case "min_age" -> group[2] == 0 ? "" : trim(group[3]);
                    default -> group[2] == 0 ? "" : trim(group[4]);
                });
            }
            csv.append(String.join(",", cells)).append("\r\n");
        });
        return new TaskResult(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv", "csv");
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
