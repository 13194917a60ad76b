package io.selene.events.events;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.Field;
import io.selene.commons.fields.FieldValues;
import io.selene.commons.ids.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads events back in LUNA's shape: one query for the page of events, then one for the
 * detections and one for the match candidates of that page (only when the targets ask for them).
 */
@Repository
public class EventSearchRepository {

    /** The top-level fields of an answered event, in order (LUNA's {@code targets}). */
    public static final List<String> TARGETS = EventFields.CATALOGUE.targets();

    /** The catalogue's answered fields that are plain columns. */
    private static final List<Field> ANSWERED = EventFields.CATALOGUE.fields().stream()
            .filter(f -> f.answered() && f.column() != null).toList();

    private static final String COLUMNS = String.join(", ", ANSWERED.stream().map(f -> f.selectColumn("e")).toList())
            + ", e.face_id, e.face_lists, e.match_labels";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public EventSearchRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One page of events matching {@code query}, ordered by event id. */
    public List<Map<String, Object>> search(EventQuery query, boolean descending, int limit, long offset,
            Set<String> targets) {
        Map<String, Object> params = query.where().params();
        params.put("limit", limit);
        params.put("offset", offset);
        String order = " ORDER BY e.event_id " + (descending ? "DESC" : "ASC");
        // Deep pages: skip rows by id only (often an index-only scan), then read the page's rows whole;
        // a plain OFFSET would fetch every skipped row from the heap.
        String sql = offset == 0
                ? "SELECT " + COLUMNS + " FROM event e WHERE " + query.where().sql() + order + " LIMIT :limit"
                : "SELECT " + COLUMNS + " FROM event e JOIN (SELECT e.event_id FROM event e WHERE " + query.where().sql()
                        + order + " LIMIT :limit OFFSET :offset) page ON page.event_id = e.event_id" + order;
        List<Map<String, Object>> events = jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list();
        return complete(events, targets);
    }

    /** The event, or {@code null}; the caller checks the owner. */
    public Map<String, Object> get(UUID eventId, Set<String> targets) {
        List<Map<String, Object>> events = jdbc.sql("SELECT " + COLUMNS + " FROM event e WHERE e.event_id = :id")
                .param("id", eventId).query((rs, n) -> row(rs)).list();
        return events.isEmpty() ? null : complete(events, targets).getFirst();
    }

    /** The owner of an event, or {@code null} when there is none. */
    public UUID owner(UUID eventId) {
        return jdbc.sql("SELECT account_id FROM event WHERE event_id = :id").param("id", eventId)
                .query(UUID.class).optional().orElse(null);
    }

    private List<Map<String, Object>> complete(List<Map<String, Object>> events, Set<String> targets) {
        if (events.isEmpty()) {
            return events;
        }
        UUID[] ids = events.stream().map(e -> (UUID) e.get("event_id")).toArray(UUID[]::new);
        if (targets.contains("detections")) {
            Map<UUID, List<JsonNode>> detections = new HashMap<>();
            jdbc.sql("SELECT event_id, detection::text FROM event_detection WHERE event_id = ANY(:ids)"
                    + " ORDER BY event_id, ordinal").param("ids", ids).query(rs -> {
                        detections.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(json.readTree(rs.getString(2)));
                    });
            events.forEach(e -> e.put("detections", detections.getOrDefault((UUID) e.get("event_id"), List.of())));
        }
        if (targets.contains("matches")) {
            Map<UUID, Map<Integer, List<JsonNode>>> candidates = new HashMap<>();
            jdbc.sql("SELECT event_id, label_order, candidate::text FROM event_match WHERE event_id = ANY(:ids)"
                    + " ORDER BY event_id, label_order, ordinal").param("ids", ids).query(rs -> {
                        candidates.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                                .computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(json.readTree(rs.getString(3)));
                    });
            for (Map<String, Object> event : events) {
                @SuppressWarnings("unchecked")
                List<String> labels = (List<String>) event.get("match_labels");
                Map<Integer, List<JsonNode>> byLabel = candidates.getOrDefault((UUID) event.get("event_id"), Map.of());
                List<Map<String, Object>> matches = new ArrayList<>(labels.size());
                for (int i = 0; i < labels.size(); i++) {
                    Map<String, Object> match = new LinkedHashMap<>();
                    match.put("label", labels.get(i));
                    match.put("candidates", byLabel.getOrDefault(i, List.of()));
                    matches.add(match);
                }
                event.put("matches", matches);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(events.size());
        for (Map<String, Object> event : events) {
            Map<String, Object> shaped = new LinkedHashMap<>();
            for (String target : TARGETS) {
                if (targets.contains(target)) {
                    shaped.put(target, event.get(target));
                }
            }
            out.add(shaped);
        }
        return out;
    }

    /** One event as answered: each answered column at its path (a parent of only nulls is null), then the face. */
    private Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> e = new LinkedHashMap<>();
        UUID id = rs.getObject("event_id", UUID.class);
        for (Field field : ANSWERED) {
            Object value = field.readColumn(rs, json);
            FieldValues.put(e, field, value instanceof OffsetDateTime time ? Ids.format(time) : value);
        }
        FieldValues.collapse(e);
        e.put("url", "/6/events/" + id);
        UUID face = rs.getObject("face_id", UUID.class);
        if (face != null) {
            Map<String, Object> faceLink = new LinkedHashMap<>();
            faceLink.put("face_id", face);
            faceLink.put("url", "/6/faces/" + face);
            Array lists = rs.getArray("face_lists");
            faceLink.put("lists", lists == null ? List.of() : Arrays.asList((UUID[]) lists.getArray()));
            e.put("face", faceLink);
        } else {
            e.put("face", null);
        }
        e.put("match_labels", strings(rs.getArray("match_labels")));
        return e;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
