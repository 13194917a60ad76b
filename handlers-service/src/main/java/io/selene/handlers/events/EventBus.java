package io.selene.handlers.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform event bus (Redis pub/sub, channel {@code <selene.redis.key-prefix>events}): one message
 * {@code {"account_id", "handler_id", "event"}} per event a handler's notification policy sends, the
 * event exactly as the generate-events answer has it. Sender subscribes to it. Pub/sub is
 * at-most-once: a subscriber that is down misses messages (events themselves are in events-service).
 */
@Component
class EventBus {

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String channel;

    EventBus(StringRedisTemplate redis, JsonMapper json, @Value("${selene.redis.key-prefix}") String prefix) {
        this.redis = redis;
        this.json = json;
        this.channel = prefix + "events";
    }

    String channel() {
        return channel;
    }

    void publish(UUID accountId, UUID handlerId, JsonNode event) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_id", accountId.toString());
        message.put("handler_id", handlerId.toString());
        message.put("event", event);
        redis.convertAndSend(channel, json.writeValueAsString(message));
    }
}
