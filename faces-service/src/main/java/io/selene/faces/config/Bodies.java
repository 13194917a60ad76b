package io.selene.faces.config;

import io.selene.commons.error.PlatformErrors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON body already parsed as a tree (creates keep the tree to fingerprint it for
 * idempotency) into a request record, refusing unknown fields with a 102 naming the problem.
 */
@Component
public class Bodies {

    private final JsonMapper json;

    public Bodies(JsonMapper json) {
        this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
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
            throw PlatformErrors.BAD_BODY.exception("Failed to parse request body: "
                    + (newline < 0 ? message : message.substring(0, newline)));
        }
    }

    public JsonMapper mapper() {
        return json;
    }
}
