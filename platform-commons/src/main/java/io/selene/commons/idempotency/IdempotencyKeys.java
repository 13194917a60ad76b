package io.selene.commons.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.selene.commons.error.LunaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} of creates, recorded in the SAME transaction as what the request stored:
 * a retry after a lost answer (or a crash) finds the key exactly when the object was committed, and
 * answers the ids stored the first time. One row per stored object: account, scope (which route,
 * e.g. {@code faces}, {@code lists}, {@code events}), key, position in the request ({@code ordinal},
 * 0 for single-object creates; a batch stored object by object records each one), request hash and
 * the stored id.
 *
 * <p>Each service declares one as a bean with its own error codes; the table is
 * {@code idempotency_key} of the service's own schema, found through the connection's
 * {@code search_path} (Hikari {@code schema}), with the columns {@code account_id, scope,
 * idempotency_key, ordinal, request_hash, resource_id, create_time} and the primary key
 * {@code (account_id, scope, idempotency_key, ordinal)}.
 */
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    public static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration retention;
    private final LunaError badKey;
    private final LunaError conflict;

    /**
     * @param badKey   the service's 400 for a malformed key (no detail arguments)
     * @param conflict the service's 409 for a key reused with another body (the key as detail argument)
     */
    public IdempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, Duration retention, LunaError badKey,
            LunaError conflict) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
        this.badKey = badKey;
        this.conflict = conflict;
    }

    /** A key and the fingerprint of the request it came with. */
    public record Claim(String key, byte[] requestHash) {
    }

    /** The claim of a request: empty without the header; 1..255 printable ASCII characters else {@code badKey}. */
    public Optional<Claim> claimOf(String key, JsonNode body) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw badKey.exception();
        }
        return Optional.of(new Claim(key, hash(body)));
    }

    /** Before anything is stored (batches): a key already used with another body is a {@code conflict}. */
    public void checkBody(UUID account, String scope, Claim claim) {
        List<byte[]> hashes = jdbc.sql("""
                SELECT request_hash FROM idempotency_key
                WHERE account_id = :account AND scope = :scope AND idempotency_key = :key LIMIT 1""")
                .param("account", account).param("scope", scope).param("key", claim.key()).query(byte[].class).list();
        if (!hashes.isEmpty() && !Arrays.equals(hashes.getFirst(), claim.requestHash())) {
            throw conflict.exception(claim.key());
        }
    }

    /** {@link #claim(UUID, String, Claim, int, UUID)} of a single-object create (ordinal 0). */
    public Optional<UUID> claim(UUID account, String scope, Claim claim, UUID newId) {
        return claim(account, scope, claim, 0, newId);
    }

    /**
     * Inside the transaction storing object {@code ordinal} of the request: records the key for
     * {@code newId}, or returns the id the first request stored at that position (same body; another
     * body is a {@code conflict}). A concurrent first request holding the row makes this wait for
     * its commit or rollback.
     */
    public Optional<UUID> claim(UUID account, String scope, Claim claim, int ordinal, UUID newId) {
        int inserted = jdbc.sql("""
                INSERT INTO idempotency_key (account_id, scope, idempotency_key, ordinal, request_hash, resource_id,
                    create_time)
                VALUES (:account, :scope, :key, :ordinal, :hash, :id, :time) ON CONFLICT DO NOTHING""")
                .param("account", account).param("scope", scope).param("key", claim.key()).param("ordinal", ordinal)
                .param("hash", claim.requestHash()).param("id", newId).param("time", now()).update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Map<String, Object> stored = jdbc.sql("""
                SELECT request_hash, resource_id FROM idempotency_key
                WHERE account_id = :account AND scope = :scope AND idempotency_key = :key AND ordinal = :ordinal""")
                .param("account", account).param("scope", scope).param("key", claim.key()).param("ordinal", ordinal)
                .query().singleRow();
        if (!Arrays.equals((byte[]) stored.get("request_hash"), claim.requestHash())) {
            throw conflict.exception(claim.key());
        }
        return Optional.of((UUID) stored.get("resource_id"));
    }

    /** Keys older than the retention are forgotten (scheduled where the service enables scheduling). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public int forgetOld() {
        int removed = jdbc.sql("DELETE FROM idempotency_key WHERE create_time < :before")
                .param("before", now().minus(retention)).update();
        if (removed > 0) {
            log.info("Forgot {} idempotency keys older than {}", removed, retention);
        }
        return removed;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** SHA-256 of the body with object keys sorted, so formatting and key order do not matter. */
    public byte[] hash(JsonNode body) {
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
