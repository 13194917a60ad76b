package io.selene.sender.bus;

import java.util.UUID;

import io.selene.sender.subscriptions.SubscriberRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the event bus: each message is {@code {"account_id", "handler_id", "event"}} as handlers
 * publish it (see the README "Event bus"). A malformed message is logged and dropped; it never stops
 * the bus.
 */
@Component
public class EventBusListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(EventBusListener.class);

    private final SubscriberRegistry registry;
    private final JsonMapper json;

    public EventBusListener(SubscriberRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        JsonNode root;
        try {
            root = json.readTree(message.getBody());
        } catch (JacksonException e) {
            log.warn("dropped a bus message that is not JSON ({} bytes)", message.getBody().length);
            return;
        }
        UUID account = uuid(root.path("account_id"));
        JsonNode event = root.path("event");
        if (account == null || !event.isObject()) {
            log.warn("dropped a bus message without account_id or event object");
            return;
        }
        UUID handler = uuid(root.path("handler_id"));
        registry.publish(account, handler != null ? handler : uuid(event.path("handler_id")), event);
    }

    private static UUID uuid(JsonNode node) {
        if (!node.isString() || node.asString().length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(node.asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
