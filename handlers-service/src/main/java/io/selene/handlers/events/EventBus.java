package io.selene.handlers.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.bus.EventStream;
import io.selene.handlers.policies.Callback;
import io.selene.handlers.policies.NotificationPolicy;
import io.selene.handlers.policies.StoragePolicy;
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

    /**
     * Appends the event when the notification policy sends it (to websocket subscribers) or one of the
     * handler's callbacks wants it: {@code "websocket": false} when only callbacks do, and
     * {@code "webhooks": [{"callback": <index in storage_policy.callbacks>, "url", "secret", "timeout"}]}
     * for the callbacks that want it (the bus is internal: Redis, like the handler's row).
     */
    void publish(UUID accountId, UUID handlerId, StoragePolicy storage, JsonNode event) {
        NotificationPolicy notification = storage.notificationPolicy();
        boolean websocket = notification.sendNotification() == 1 && notification.filters().test(event);
        List<Map<String, Object>> webhooks = new ArrayList<>();
        for (int i = 0; i < storage.callbacks().size(); i++) {
            Callback callback = storage.callbacks().get(i);
            if (callback.wants(event)) {
                Map<String, Object> webhook = new LinkedHashMap<>();
                webhook.put("callback", i);
                webhook.put("url", callback.url());
                webhook.put("secret", callback.secret());
                webhook.put("timeout", callback.timeout());
                webhooks.add(webhook);
            }
        }
        if (!websocket && webhooks.isEmpty()) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_id", accountId.toString());
        message.put("handler_id", handlerId.toString());
        message.put("event", event);
        if (!websocket) {
            message.put("websocket", false);
        }
        if (!webhooks.isEmpty()) {
            message.put("webhooks", webhooks);
        }
        JsonNode eventId = event.path("event_id");
        stream.append(eventId.isString() ? eventId.asString() : null, json.writeValueAsString(message),
                settings.backlog());
    }
}
