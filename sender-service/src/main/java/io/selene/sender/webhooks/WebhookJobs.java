package io.selene.sender.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries to make, durable in Redis: sorted set {@code <prefix>webhooks:due} (delivery id → when it is
 * due) and hash {@code <prefix>webhooks:jobs} (delivery id → the job). A delivery is claimed by moving
 * its due time a lease ahead, atomically, so two instances never take the same one and one killed
 * mid-delivery leaves it to be taken again after the lease. Done or given up: removed.
 */
final class WebhookJobs {

    /** One delivery of one event to one callback; {@code id} is {@code <bus entry id>/<callback index>}. */
    record Job(String id, UUID accountId, UUID handlerId, int callback, String url, String secret, int timeout,
            String eventId, String body, int attempt) {

        Job next() {
            return new Job(id, accountId, handlerId, callback, url, secret, timeout, eventId, body, attempt + 1);
        }
    }

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
            return due""", List.class);
    private static final RedisScript<Long> SCHEDULE = RedisScript.of("""
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            return 1""", Long.class);
    private static final RedisScript<Long> DONE = RedisScript.of("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            return redis.call('HDEL', KEYS[2], ARGV[1])""", Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final List<String> keys;

    WebhookJobs(StringRedisTemplate redis, JsonMapper json, String keyPrefix) {
        this.redis = redis;
        this.json = json;
        this.keys = List.of(keyPrefix + "webhooks:due", keyPrefix + "webhooks:jobs");
    }

    void schedule(Job job, Instant at) {
        redis.execute(SCHEDULE, keys, job.id(), json.writeValueAsString(job), String.valueOf(at.toEpochMilli()));
    }

    /** Up to {@code count} due deliveries, now this instance's for {@code lease}. */
    List<Job> claim(Instant now, Duration lease, int count) {
        List<?> ids = redis.execute(CLAIM, keys, String.valueOf(now.toEpochMilli()),
                String.valueOf(now.plus(lease).toEpochMilli()), String.valueOf(count));
        List<Job> jobs = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            return jobs;
        }
        List<Object> fields = new ArrayList<>(ids);
        List<Object> texts = redis.opsForHash().multiGet(keys.get(1), fields);
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                done((String) ids.get(i)); // a due time without its job: nothing to deliver
            } else {
                jobs.add(json.readValue((String) texts.get(i), Job.class));
            }
        }
        return jobs;
    }

    void done(String id) {
        redis.execute(DONE, keys, id);
    }
}
