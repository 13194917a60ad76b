package io.selene.faces.attributes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Temporary attributes in Redis. Each attribute is one string key holding its JSON with a
 * millisecond expiry ({@code PX}), so an expired attribute is gone for every reader at the same
 * instant. A sorted set per account (score = expiry, ms) lists an account's attributes; expired
 * members are pruned whenever the set is read or written.
 */
@Repository
public class AttributeStore {

    /** SET attribute + ZADD to the account index, atomically; the index lives as long as its newest member. */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Clock clock;
    private final String prefix;

    public AttributeStore(StringRedisTemplate redis, JsonMapper json, Clock clock,
            @Value("${selene.redis.key-prefix}") String prefix) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.prefix = prefix;
    }

    private String key(UUID id) {
        return prefix + "attribute:" + id;
    }

    private String index(UUID account) {
        return prefix + "attributes:" + account;
    }

    public TemporaryAttribute create(UUID account, FaceAttributes attributes, Duration ttl) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        TemporaryAttribute attribute = new TemporaryAttribute(UUID.randomUUID(), account, now, now.plus(ttl),
                attributes);
        redis.execute(CREATE, List.of(key(attribute.attributeId()), index(account)),
                json.writeValueAsString(toJson(attribute)), String.valueOf(ttl.toMillis()),
                String.valueOf(attribute.expiryTime().toEpochMilli()), attribute.attributeId().toString(),
                String.valueOf(now.toEpochMilli()));
        return attribute;
    }

    public Optional<TemporaryAttribute> find(UUID id) {
        String value = redis.opsForValue().get(key(id));
        return value == null ? Optional.empty() : Optional.of(fromJson(json.readTree(value)));
    }

    public boolean delete(TemporaryAttribute attribute) {
        redis.opsForZSet().remove(index(attribute.accountId()), attribute.attributeId().toString());
        return Boolean.TRUE.equals(redis.delete(key(attribute.attributeId())));
    }

    public long count(UUID account) {
        String index = index(account);
        redis.opsForZSet().removeRangeByScore(index, Double.NEGATIVE_INFINITY, clock.millis());
        Long count = redis.opsForZSet().zCard(index);
        return count == null ? 0 : count;
    }

    /** A page of the account's live attributes, soonest to expire first. */
    public List<TemporaryAttribute> page(UUID account, long offset, int size) {
        String index = index(account);
        redis.opsForZSet().removeRangeByScore(index, Double.NEGATIVE_INFINITY, clock.millis());
        var ids = redis.opsForZSet().range(index, offset, offset + size - 1);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<String> keys = ids.stream().map(id -> prefix + "attribute:" + id).toList();
        List<String> values = redis.opsForValue().multiGet(keys);
        List<TemporaryAttribute> page = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    page.add(fromJson(json.readTree(value)));
                }
            }
        }
        return page;
    }

    private ObjectNode toJson(TemporaryAttribute attribute) {
        ObjectNode node = json.createObjectNode();
        node.put("attribute_id", attribute.attributeId().toString());
        node.put("account_id", attribute.accountId().toString());
        node.put("create_time", attribute.createTime().toEpochMilli());
        node.put("expiry_time", attribute.expiryTime().toEpochMilli());
        ArrayNode descriptors = node.putArray("descriptors");
        for (StoredDescriptor descriptor : attribute.attributes().descriptors()) {
            descriptors.addObject().put("version", descriptor.version())
                    .put("data", Base64.getEncoder().encodeToString(descriptor.data()));
        }
        if (attribute.attributes().basicAttributes() != null) {
            node.set("basic_attributes", attribute.attributes().basicAttributes());
        }
        ArrayNode samples = node.putArray("sample_ids");
        attribute.attributes().sampleIds().forEach(samples::add);
        return node;
    }

    private static TemporaryAttribute fromJson(JsonNode node) {
        List<StoredDescriptor> descriptors = new ArrayList<>();
        for (JsonNode descriptor : node.get("descriptors")) {
            descriptors.add(new StoredDescriptor(descriptor.get("version").asInt(),
                    Base64.getDecoder().decode(descriptor.get("data").asString())));
        }
        List<String> samples = new ArrayList<>();
        for (JsonNode sample : node.get("sample_ids")) {
            samples.add(sample.asString());
        }
        JsonNode basic = node.get("basic_attributes");
        return new TemporaryAttribute(UUID.fromString(node.get("attribute_id").asString()),
                UUID.fromString(node.get("account_id").asString()),
                Instant.ofEpochMilli(node.get("create_time").asLong()),
                Instant.ofEpochMilli(node.get("expiry_time").asLong()),
                new FaceAttributes(descriptors, basic == null || basic.isNull() ? null : basic, samples));
    }
}
