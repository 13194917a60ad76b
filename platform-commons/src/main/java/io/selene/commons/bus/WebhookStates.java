package io.selene.commons.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The delivery state of each handler callback (webhook), in Redis hash
 * {@code <prefix>webhooks:state:<handler_id>:<callback index>}: sender-service writes it after every
 * attempt, handlers-service shows it in the handler's {@code storage_policy.callbacks[].delivery}. Kept
 * 30 days after the last attempt.
 */
public final class WebhookStates {

    private static final Duration KEEP = Duration.ofDays(30);

    private final StringRedisTemplate redis;
    private final String prefix;

    /**
     * @param lastStatus      HTTP status of the last attempt; 0: no answer (refused, timed out)
     * @param lastError       why the last attempt failed; null after a success
     * @param delivered       events delivered (2xx)
     * @param failures        failed attempts (each retry counts)
     * @param dropped         events given up after the last retry
     */
    public record State(Integer lastStatus, String lastError, String lastAttemptTime, String lastSuccessTime,
            long delivered, long failures, long dropped) {
    }

    public WebhookStates(StringRedisTemplate redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix;
    }

    private String key(UUID handler, int callback) {
        return prefix + "webhooks:state:" + handler + ":" + callback;
    }

    public State read(UUID handler, int callback) {
        Map<Object, Object> fields = redis.opsForHash().entries(key(handler, callback));
        return new State(fields.containsKey("last_status") ? Integer.valueOf((String) fields.get("last_status")) : null,
                (String) fields.get("last_error"), (String) fields.get("last_attempt_time"),
                (String) fields.get("last_success_time"), count(fields, "delivered"), count(fields, "failures"),
                count(fields, "dropped"));
    }

    public void delivered(UUID handler, int callback, int status, Instant at) {
        String key = key(handler, callback);
        redis.opsForHash().putAll(key, Map.of("last_status", String.valueOf(status), "last_attempt_time",
                at.toString(), "last_success_time", at.toString()));
        redis.opsForHash().delete(key, "last_error");
        redis.opsForHash().increment(key, "delivered", 1);
        redis.expire(key, KEEP);
    }

    public void failed(UUID handler, int callback, int status, String error, Instant at, boolean dropped) {
        String key = key(handler, callback);
        redis.opsForHash().putAll(key, Map.of("last_status", String.valueOf(status), "last_error", error,
                "last_attempt_time", at.toString()));
        redis.opsForHash().increment(key, "failures", 1);
        if (dropped) {
            redis.opsForHash().increment(key, "dropped", 1);
        }
        redis.expire(key, KEEP);
    }

    private static long count(Map<Object, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? 0 : Long.parseLong((String) value);
    }
}
