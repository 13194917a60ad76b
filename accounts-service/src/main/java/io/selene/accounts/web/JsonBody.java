package io.selene.accounts.web;

import java.util.Optional;
import java.util.Set;

import io.selene.commons.error.PlatformErrors;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of a JSON request body: unknown fields and wrong types are refused with a 400
 * (code 102) naming the field, as LUNA's schema validation does.
 */
public final class JsonBody {

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    public static JsonBody of(JsonNode node, String... allowedFields) {
        if (node == null || !node.isObject()) {
            throw PlatformErrors.BAD_BODY.exception("Request body must be a JSON object");
        }
        Set<String> allowed = Set.of(allowedFields);
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw PlatformErrors.BAD_BODY.exception("Unknown field '" + name + "'; allowed: " + allowed);
            }
        }
        return new JsonBody(node);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    /** A string field of {@code min..max} characters, or empty when absent. */
    public Optional<String> string(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw PlatformErrors.BAD_BODY.exception("Field '" + field + "' must be a string");
        }
        String text = value.asString();
        if (text.length() < min || text.length() > max) {
            throw PlatformErrors.BAD_BODY.exception("Field '" + field + "' must have " + min + ".." + max
                    + " characters");
        }
        return Optional.of(text);
    }

    public String requiredString(String field, int min, int max) {
        return string(field, min, max).orElseThrow(() ->
                PlatformErrors.BAD_BODY.exception("Field '" + field + "' is required"));
    }

    /** A string field that may also be JSON null; absent → empty, null → {@code Optional.of(null)} is avoided: see {@link #isNull}. */
    public boolean isNull(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNull();
    }

    public Optional<JsonNode> node(String field) {
        return Optional.ofNullable(node.get(field));
    }
}
