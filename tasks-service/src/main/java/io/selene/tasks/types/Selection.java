package io.selene.tasks.types;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.Catalogue;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.FieldFilter.Match;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.ids.EventIds;
import io.selene.commons.json.JsonFields;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.engine.TaskRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The faces or events a task works on: {@code objects_type} ({@code faces} | {@code events}) and
 * {@code filters} with the names and values of {@code GET /6/faces} or {@code GET /6/events} (arrays for
 * LUNA's comma lists): the search filters of the {@link FaceFields} and {@link EventFields} catalogues. An
 * unknown name is refused at once; the values are checked by the owning service when the task is created
 * (its refusal names {@code <path>.filters}). The task's account always applies: {@code account_id} and the
 * object's id ranges (the task's own split) are refused.
 *
 * <p>Splitting: faces have random UUIDs, so the task cuts the {@code face_id} space into equal ranges of
 * about {@code objects-per-subtask} faces; events have time-ordered UUIDv7 ids, so it cuts the time between
 * the first and the last selected event into equal windows (as {@code event_id} ranges). Each subtask then
 * reads its range in keyset pages, so a face or event is in exactly one subtask.
 */
public record Selection(String objectsType, ObjectNode filters) {

    public static final String FACES = "faces";
    public static final String EVENTS = "events";

    private static final int EVENTS_PAGE = 100;
    private static final int MAX_VALUES = 1000;

    /**
     * Reads {@code typeField} and {@code filters} of a task's content; {@code types} are the ones the task
     * takes, the first the default. (For contents still read by {@link JsonFields}; records use {@link #of}.)
     */
    public static Selection read(JsonFields content, String typeField, String... types) {
        String objectsType = content.oneOf(typeField, types[0], List.of(types));
        content.object("filters");
        return of(objectsType, content.raw("filters"), content.path());
    }

    /**
     * The selection of a content record whose {@code objects_type} (or {@code target}) its constraints checked;
     * {@code filters} (missing or null: none) are checked against the catalogue of that type. {@code at} is the
     * path of the object holding them ({@code content}, {@code content.references}).
     */
    public static Selection of(String objectsType, JsonNode given, String at) {
        String path = at.isEmpty() ? "filters" : at + ".filters";
        if (given != null && !given.isNull() && !given.isObject()) {
            throw JsonFields.bad(path, "must be a JSON object");
        }
        Catalogue catalogue = objectsType.equals(FACES) ? FaceFields.CATALOGUE : EventFields.CATALOGUE;
        String idField = objectsType.equals(FACES) ? "face_id" : "event_id";
        ObjectNode filters = JsonNodeFactory.instance.objectNode();
        for (String name : given == null || given.isNull() ? List.<String>of() : given.propertyNames()) {
            String filterAt = path + "." + name;
            Catalogue.Filter filter = catalogue.filterOf(name, Use.SEARCH).orElseThrow(() -> JsonFields.bad(filterAt,
                    "not a filter of GET /6/" + objectsType));
            if (filter.field().name().equals("account_id")
                    || filter.field().name().equals(idField) && filter.filter().match() == Match.RANGE) {
                throw JsonFields.bad(filterAt, "not a task filter (the task's account and id ranges are the task's own)");
            }
            JsonNode value = given.get(name);
            if (value == null || value.isNull() || value.isObject() || (value.isArray() && (value.isEmpty()
                    || value.size() > MAX_VALUES))) {
                throw JsonFields.bad(filterAt, "must be a value or an array of 1.." + MAX_VALUES + " values");
            }
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isContainer() || item.isNull()) {
                        throw JsonFields.bad(filterAt, "must be an array of plain values");
                    }
                }
            }
            filters.set(name, value);
        }
        return new Selection(objectsType, filters);
    }

    /** The selection of a task's stored content (as {@link #read} left it). */
    public static Selection stored(JsonNode content, String typeField) {
        return new Selection(content.path(typeField).asString(FACES), content.path("filters").isObject()
                ? (ObjectNode) content.get("filters") : JsonNodeFactory.instance.objectNode());
    }

    /** The filters as the owner's query parameters. */
    public Map<String, Object> query() {
        Map<String, Object> query = new LinkedHashMap<>();
        for (String name : filters.propertyNames()) {
            JsonNode value = filters.get(name);
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.isString() ? item.asString() : item.toString()));
                query.put(name, items);
            } else {
                query.put(name, value.isString() ? value.asString() : value.toString());
            }
        }
        return query;
    }

    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("objects_type", objectsType);
        node.set("filters", filters);
        return node;
    }

    public boolean faces() {
        return objectsType.equals(FACES);
    }

    /** Asks the owner to check the filters (refusal: its error naming {@code <path>.filters}); returns the count. */
    public long validate(AccountCalls calls, String path) {
        try {
            return count(calls);
        } catch (LunaException e) {
            if (e.status().is4xxClientError()) {
                throw PlatformErrors.badField(path + ".filters", e);
            }
            throw e;
        }
    }

    public long count(AccountCalls calls) {
        if (faces()) {
            return calls.get(AccountCalls.FACES, "/3/faces/count", query()).path("faces_count").asLong();
        }
        calls.get(AccountCalls.EVENTS, "/2/events", with(query(), Map.of("page_size", 1, "targets", "event_id")));
        return eventStats(calls)[0];
    }

    /** count, first and last create_time (epoch millis) of the selected events. */
    private long[] eventStats(AccountCalls calls) {
        Map<String, Object> body = Map.of("filters", filters, "targets", List.of(
                Map.of("column", "event_id", "aggregator", "count"),
                Map.of("column", "create_time", "aggregator", "min"),
                Map.of("column", "create_time", "aggregator", "max")));
        JsonNode row = calls.post(AccountCalls.EVENTS, "/2/events/stats", null, body).path("stats").path("values")
                .path(0);
        long count = row.path(0).asLong();
        if (count == 0) {
            return new long[] {0, 0, 0};
        }
        return new long[] {count, Instant.parse(row.path(1).asString()).toEpochMilli(),
                Instant.parse(row.path(2).asString()).toEpochMilli()};
    }

    /**
     * The id ranges of the subtasks, about {@code perSubtask} objects each; none when nothing is selected.
     * Each range is an object of {@code <id>__gte} / {@code <id>__lt} bounds (the first and last open).
     */
    public List<JsonNode> split(AccountCalls calls, int perSubtask) {
        List<JsonNode> ranges = new ArrayList<>();
        if (faces()) {
            long count = count(calls);
            if (count == 0) {
                return ranges;
            }
            int parts = (int) Math.min(1 << 20, Math.max(1, (count + perSubtask - 1) / perSubtask));
            BigInteger space = BigInteger.ONE.shiftLeft(64);
            for (int i = 0; i < parts; i++) {
                ObjectNode range = JsonNodeFactory.instance.objectNode();
                if (i > 0) {
                    range.put("face_id__gte", boundary(space, i, parts).toString());
                }
                if (i < parts - 1) {
                    range.put("face_id__lt", boundary(space, i + 1, parts).toString());
                }
                ranges.add(range);
            }
            return ranges;
        }
        long[] stats = eventStats(calls);
        if (stats[0] == 0) {
            return ranges;
        }
        int parts = (int) Math.min(1 << 20, Math.max(1, (stats[0] + perSubtask - 1) / perSubtask));
        long span = stats[2] - stats[1] + 1;
        parts = (int) Math.min(parts, span); // a window is at least a millisecond
        for (int i = 0; i < parts; i++) {
            ObjectNode range = JsonNodeFactory.instance.objectNode();
            if (i > 0) {
                range.put("event_id__gte", EventIds.floor(Instant.ofEpochMilli(stats[1] + span * i / parts)).toString());
            }
            if (i < parts - 1) {
                range.put("event_id__lt", EventIds.floor(Instant.ofEpochMilli(stats[1] + span * (i + 1) / parts))
                        .toString());
            }
            ranges.add(range);
        }
        return ranges;
    }

    /** The UUID whose top 64 bits are {@code space * i / parts} (unsigned), the rest zero. */
    private static UUID boundary(BigInteger space, int i, int parts) {
        long top = space.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)).longValue();
        return new UUID(top, 0L);
    }

    /**
     * Reads every selected object of one range, in keyset pages, and hands each page over. Faces come from
     * {@code GET /3/faces/scan} (with sample ids, basic attributes, lists, descriptor versions); events from
     * {@code GET /2/events} with the given {@code targets} (event_id always).
     */
    public void scan(TaskRun run, JsonNode range, List<String> eventTargets, Map<String, Object> extra,
            Consumer<List<JsonNode>> page) {
        Map<String, Object> query = query();
        range.propertyNames().forEach(name -> query.put(name, range.get(name).asString()));
        query.putAll(extra);
        if (faces()) {
            String after = null;
            do {
                run.checkCancelled();
                Map<String, Object> pageQuery = new LinkedHashMap<>(query);
                pageQuery.put("limit", 1000);
                if (after != null) {
                    pageQuery.put("after_face_id", after);
                }
                JsonNode answer = run.calls().get(AccountCalls.FACES, "/3/faces/scan", pageQuery);
                List<JsonNode> faces = new ArrayList<>();
                answer.path("faces").forEach(faces::add);
                if (!faces.isEmpty()) {
                    page.accept(faces);
                }
                after = answer.path("next").isString() ? answer.get("next").asString() : null;
            } while (after != null);
            return;
        }
        List<String> targets = new ArrayList<>(eventTargets);
        if (!targets.contains("event_id")) {
            targets.addFirst("event_id");
        }
        String after = null;
        while (true) {
            run.checkCancelled();
            Map<String, Object> pageQuery = new LinkedHashMap<>(query);
            pageQuery.put("order", "asc");
            pageQuery.put("page_size", EVENTS_PAGE);
            pageQuery.put("targets", targets);
            if (after != null) {
                pageQuery.put("event_id__gt", after);
            }
            JsonNode answer = run.calls().get(AccountCalls.EVENTS, "/2/events", pageQuery);
            List<JsonNode> events = new ArrayList<>();
            answer.path("events").forEach(events::add);
            if (!events.isEmpty()) {
                page.accept(events);
            }
            if (events.size() < EVENTS_PAGE) {
                return;
            }
            after = events.getLast().path("event_id").asString();
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(base);
        all.putAll(more);
        return all;
    }
}
