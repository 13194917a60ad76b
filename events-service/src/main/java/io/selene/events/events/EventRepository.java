package io.selene.events.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.Field;
import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.events.EventsErrors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events: each event with its detections, match candidates, tags, location and descriptor
 * in ONE transaction (synchronous_commit on, see events-service.yml), so an event is either fully
 * stored or not at all, and a 201 means every event of the batch is committed.
 */
@Repository
public class EventRepository {

    /** Scope of POST /2/events keys in idempotency_key (one row per event of the batch, by position). */
    static final String IDEMPOTENCY_SCOPE = "events";
    static final String STORED_COUNTER = "selene.events.stored";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final IdempotencyKeys idempotency;
    private final JsonMapper json;
    /** Events stored, for the dashboards' events/s. */
    private final Counter stored;

    public EventRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, PlatformTransactionManager transactions,
            IdempotencyKeys idempotency, JsonMapper json, MeterRegistry meters) {
        this.stored = Counter.builder(STORED_COUNTER).register(meters);
        this.jdbc = jdbc;
        this.named = named;
        this.transactions = new TransactionTemplate(transactions);
        this.idempotency = idempotency;
        this.json = json;
    }

    /** Stores the batch, one transaction per event, in order; answers the stored (or replayed) ids. */
    public List<UUID> store(UUID account, List<NewEvent> events, Optional<IdempotencyKeys.Claim> claim) {
        claim.ifPresent(c -> idempotency.checkBody(account, IDEMPOTENCY_SCOPE, c));
        List<UUID> ids = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            int ordinal = i;
            UUID id = transactions.execute(status -> {
                if (claim.isPresent()) {
                    Optional<UUID> replay = idempotency.claim(account, IDEMPOTENCY_SCOPE, claim.get(), ordinal,
                            event.eventId());
                    if (replay.isPresent()) {
                        return replay.get();
                    }
                }
                if (!insert(account, event)) {
                    throw EventsErrors.EVENT_EXISTS.exception(event.eventId(), ids);
                }
                return event.eventId();
            });
            if (id == event.eventId()) {
                stored.increment();
            }
            ids.add(id);
        }
        return ids;
    }

    private boolean insert(UUID account, NewEvent e) {
        // the record's id and owner, the face's lists and the match labels, then every catalogue column
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>(List.of("event_id", "account_id", "face_lists", "match_labels"));
        List<String> placeholders = new ArrayList<>(List.of(":event_id", ":account_id", ":face_lists", ":match_labels"));
        params.put("event_id", e.eventId());
        params.put("account_id", account);
        params.put("face_lists", e.faceLists() == null ? null : e.faceLists().toArray(UUID[]::new));
        params.put("match_labels", e.matchLabels().toArray(String[]::new));
        for (Field field : EventFields.CATALOGUE.fields()) {
            Object value = e.values().getOrDefault(field, field.absent());
            if (field.column() == null || value == null || params.containsKey(field.column())) {
                continue;
            }
            columns.add(field.column());
            placeholders.add(field.sqlPlaceholder(field.column()));
            params.put(field.column(), field.sqlValue(value));
        }
        int inserted = jdbc.sql("INSERT INTO event (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", placeholders) + ") ON CONFLICT (event_id) DO NOTHING").params(params).update();
        if (inserted == 0) {
            return false;
        }
        if (!e.detections().isEmpty()) {
            MapSqlParameterSource[] rows = e.detections().stream().map(d -> new MapSqlParameterSource()
                    .addValue("id", e.eventId()).addValue("ordinal", d.ordinal()).addValue("detectTime", d.detectTime())
                    .addValue("detectTs", d.detectTs()).addValue("face", d.faceSampleId())
                    .addValue("body", d.bodySampleId()).addValue("detection", text(d.detection())))
                    .toArray(MapSqlParameterSource[]::new);
            named.batchUpdate("""
                    INSERT INTO event_detection (event_id, ordinal, detect_time, detect_ts, face_sample_id,
                        body_sample_id, detection)
                    VALUES (:id, :ordinal, :detectTime, :detectTs, :face, :body, CAST(:detection AS jsonb))""", rows);
        }
        if (!e.candidates().isEmpty()) {
            MapSqlParameterSource[] rows = e.candidates().stream().map(c -> new MapSqlParameterSource()
                    .addValue("id", e.eventId()).addValue("labelOrder", c.labelOrder()).addValue("label", c.label())
                    .addValue("ordinal", c.ordinal()).addValue("type", c.objectType())
                    .addValue("object", c.objectId()).addValue("external", c.externalId())
                    .addValue("similarity", c.similarity()).addValue("candidate", text(c.candidate())))
                    .toArray(MapSqlParameterSource[]::new);
            named.batchUpdate("""
                    INSERT INTO event_match (event_id, label_order, label, ordinal, object_type, object_id,
                        external_id, similarity, candidate)
                    VALUES (:id, :labelOrder, :label, :ordinal, :type, :object, :external, :similarity,
                        CAST(:candidate AS jsonb))""", rows);
        }
        if (e.descriptor() != null) {
            jdbc.sql("""
                    INSERT INTO event_descriptor (event_id, version, account_id, data)
                    VALUES (:id, :version, :account, :data)""")
                    .param("id", e.eventId()).param("version", e.descriptorVersion()).param("account", account)
                    .param("data", e.descriptor()).update();
        }
        return true;
    }

    /**
     * Deletes at most {@code limit} events matching {@code query} (oldest ids first) with everything
     * stored with them, in one transaction; answers how many.
     */
    public int delete(EventQuery query, int limit) {
        Map<String, Object> params = query.where().params();
        params.put("limit", limit);
        return jdbc.sql("DELETE FROM event WHERE event_id IN (SELECT e.event_id FROM event e WHERE " + query.where().sql()
                + " ORDER BY e.event_id LIMIT :limit)").params(params).update();
    }

    private String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : json.writeValueAsString(node);
    }
}
