package io.selene.backport;

import java.util.UUID;

import io.selene.commons.error.LunaException;
import tools.jackson.databind.JsonNode;

/** Reading legacy input: a bad value is a LUNA-style 400 naming the parameter. */
public final class Legacy {

    private Legacy() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception(name, "required");
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception(name, "'" + value + "' is not a UUID");
        }
    }

    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw BackportErrors.BAD_LEGACY_QUERY.exception(name, "must be in " + min + ".." + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception(name, "'" + value + "' is not an integer");
        }
    }

    /** An optional string field of a JSON object body, at most {@code max} characters. */
    public static String text(JsonNode body, String field, int max) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().length() > max) {
            throw BackportErrors.BAD_LEGACY_BODY.exception(field, "must be a string of at most " + max + " characters");
        }
        return value.asString();
    }

    public static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw BackportErrors.BAD_LEGACY_BODY.exception("body", "must be a JSON object");
        }
    }

    /** Whether a downstream error is "not found" (a 404), so the legacy answer can name its own object. */
    public static boolean notFound(LunaException e) {
        return e.status().value() == 404;
    }
}
