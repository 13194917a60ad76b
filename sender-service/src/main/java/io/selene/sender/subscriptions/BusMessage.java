package io.selene.sender.subscriptions;

import java.util.Optional;
import java.util.UUID;

import io.selene.commons.bus.EventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One bus entry as handlers publish it: its stream id and {@code {"account_id", "handler_id", "event"}},
 * with {@code "websocket": false} when it is for callbacks only and {@code webhooks} (the callbacks that
 * want it; see the README "Event bus"). A malformed message is logged and dropped; it never stops the bus.
 *
 * @param webhooks the {@code webhooks} array, or a missing node
 */
public record BusMessage(String id, UUID account, UUID handler, JsonNode event, boolean websocket, JsonNode webhooks) {

    private static final Logger log = LoggerFactory.getLogger(BusMessage.class);

    /** The entry's message, or empty (logged) when it is not JSON or lacks {@code account_id} or an event object. */
    public static Optional<BusMessage> parse(EventStream.Entry entry, JsonMapper json) {
        if (entry.message() == null) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(entry.message());
        } catch (JacksonException e) {
            log.warn("dropped bus entry {}: not JSON ({} chars)", entry.id(), entry.message().length());
            return Optional.empty();
        }
        UUID account = uuid(root.path("account_id"));
        JsonNode event = root.path("event");
        if (account == null || !event.isObject()) {
            log.warn("dropped bus entry {}: no account_id or event object", entry.id());
            return Optional.empty();
        }
        UUID handler = uuid(root.path("handler_id"));
        return Optional.of(new BusMessage(entry.id(), account, handler != null ? handler : uuid(event.path("handler_id")),
                event, root.path("websocket").asBoolean(true), root.path("webhooks")));
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
