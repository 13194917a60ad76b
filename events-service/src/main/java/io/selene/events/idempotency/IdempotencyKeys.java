package io.selene.events.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.selene.events.EventsErrors;
import io.selene.events.config.EventsSettings;
import io.selene.events.config.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} of {@code POST /2/events}. A batch stores each event in its own
 * transaction, so the key is recorded per event (key + position in the batch) inside that event's
 * transaction: a retry finds exactly the events that were committed, answers their ids, and stores
 * the ones that were not.
 */
@Repository
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    public static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final EventsSettings settings;

    public IdempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, EventsSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    /** A key and the fingerprint of the request it came with. */
    public record Claim(String key, byte[] requestHash) {
    }

    public Optional<Claim> claimOf(String key, JsonNode body) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw EventsErrors.BAD_IDEMPOTENCY_KEY.exception();
        }
        return Optional.of(new Claim(key, hash(body)));
    }

    /** Before anything is stored: a key already used with another body is a 409. */
    public void checkBody(UUID account, Claim claim) {
        List<byte[]> hashes = jdbc.sql("""
                SELECT request_hash FROM idempotency_key WHERE account_id = :account AND idempotency_key = :key LIMIT 1""")
                .param("account", account).param("key", claim.key()).query(byte[].class).list();
        if (!hashes.isEmpty() && !Arrays.equals(hashes.getFirst(), claim.requestHash())) {
            throw EventsErrors.IDEMPOTENCY_CONFLICT.exception(claim.key());
        }
    }

    /**
     * Inside event {@code ordinal}'s transaction: records the key for {@code newId}, or returns the
     * event id the first request stored at that position. A concurrent first request holding the
     * row makes this wait for its commit or rollback.
     */
    public Optional<UUID> claim(UUID account, Claim claim, int ordinal, UUID newId) {
        int inserted = jdbc.sql("""
                INSERT INTO idempotency_key (account_id, idempotency_key, ordinal, request_hash, event_id, create_time)
                VALUES (:account, :key, :ordinal, :hash, :id, :time) ON CONFLICT DO NOTHING""")
                .param("account", account).param("key", claim.key()).param("ordinal", ordinal)
                .param("hash", claim.requestHash()).param("id", newId).param("time", Ids.now(clock)).update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Map<String, Object> stored = jdbc.sql("""
                SELECT request_hash, event_id FROM idempotency_key
                WHERE account_id = :account AND idempotency_key = :key AND ordinal = :ordinal""")
                .param("account", account).param("key", claim.key()).param("ordinal", ordinal).query().singleRow();
        if (!Arrays.equals((byte[]) stored.get("request_hash"), claim.requestHash())) {
            throw EventsErrors.IDEMPOTENCY_CONFLICT.exception(claim.key());
        }
        return Optional.of((UUID) stored.get("event_id"));
    }

    /** Keys older than the retention (24 h by default) are forgotten. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void forgetOld() {
        OffsetDateTime before = Ids.now(clock).minus(settings.idempotencyRetention());
        int removed = jdbc.sql("DELETE FROM idempotency_key WHERE create_time < :before").param("before", before)
                .update();
        if (removed > 0) {
            log.info("Forgot {} idempotency keys older than {}", removed, settings.idempotencyRetention());
        }
    }

    /** SHA-256 of the body with object keys sorted, so formatting and key order do not matter. */
    byte[] hash(JsonNode body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(canonical(body)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (String name : node.propertyNames()) {
                sorted.put(name, canonical(node.get(name)));
            }
            ObjectNode out = json.createObjectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = json.createArrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        return node;
    }
}
