package io.selene.events.config;

import io.selene.commons.error.PlatformErrors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON body already parsed as a tree (creates keep the tree to fingerprint it for
 * idempotency) into a request record, refusing unknown fields and wrong types with a 102 that
 * names the field by its path ({@code events[0].location.city}).
 */
@Component
public class Bodies {

    private final JsonMapper json;

    public Bodies(JsonMapper json) {
        this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    }

    public <T> T read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw PlatformErrors.BAD_BODY.exception("Request body must be a JSON object");
        }
        try {
            return json.treeToValue(body, type);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            int newline = message == null ? -1 : message.indexOf('\n');
            String reason = newline < 0 ? message : message.substring(0, newline);
            throw PlatformErrors.BAD_BODY.exception("Bad field '" + path(e) + "': " + reason);
        }
    }

    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    public JsonMapper mapper() {
        return json;
    }
}
