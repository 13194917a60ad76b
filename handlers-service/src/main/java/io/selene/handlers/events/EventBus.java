package io.selene.handlers.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.bus.EventStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform event bus ({@link EventStream}, the Redis stream {@code <selene.redis.key-prefix>events}):
 * one entry {@code {"account_id", "handler_id", "event"}} per event a handler's notification policy
 * sends, the event exactly as the generate-events answer has it, appended after the event was stored.
 * Sender reads it through a consumer group, so events appended while it is down are pushed when it is
 * back (within the backlog).
 */
@Component
@EnableConfigurationProperties(EventBusSettings.class)
class EventBus {

    private final EventStream stream;
    private final JsonMapper json;
    private final EventBusSettings settings;

    EventBus(StringRedisTemplate redis, JsonMapper json, EventBusSettings settings,
            @Value("${selene.redis.key-prefix}") String prefix) {
        this.stream = new EventStream(redis, prefix);
        this.json = json;
        this.settings = settings;
    }

    EventStream stream() {
        return stream;
    }

    void publish(UUID accountId, UUID handlerId, JsonNode event) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_id", accountId.toString());
        message.put("handler_id", handlerId.toString());
        message.put("event", event);
        JsonNode eventId = event.path("event_id");
        stream.append(eventId.isString() ? eventId.asString() : null, json.writeValueAsString(message),
                settings.backlog());
    }
}
