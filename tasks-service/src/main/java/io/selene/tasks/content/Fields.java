package io.selene.tasks.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of a task body: every refusal is a 400 (102) naming the JSON path of the field, e.g.
 * {@code Path: 'content.filters.list_id': expected a UUID}. Unknown fields are refused, never ignored.
 */
public final class Fields {

    private Fields() {
    }

    public static LunaException bad(String path, String message) {
        return PlatformErrors.BAD_BODY.exception("Path: '" + path + "': " + message);
    }

    public static String path(String parent, String field) {
        return parent == null || parent.isEmpty() ? field : parent + "." + field;
    }

    /** The node must be an object holding only the allowed fields. */
    public static JsonNode object(JsonNode node, String path, String... allowed) {
        if (node == null || !node.isObject()) {
            throw bad(path, "expected an object");
        }
        Set<String> names = Set.of(allowed);
        for (String name : node.propertyNames()) {
            if (!names.contains(name)) {
                throw bad(path(path, name), "unknown field; allowed: " + new TreeSet<>(names));
            }
        }
        return node;
    }

    private static JsonNode present(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public static boolean has(JsonNode parent, String field) {
        return present(parent, field) != null;
    }

    public static JsonNode required(JsonNode parent, String field, String path) {
        JsonNode value = present(parent, field);
        if (value == null) {
            throw bad(path(path, field), "required field is missing");
        }
        return value;
    }

    public static String string(JsonNode parent, String field, String path, int maxLength, String absent) {
        JsonNode value = present(parent, field);
        if (value == null) {
            return absent;
        }
        if (!value.isString()) {
            throw bad(path(path, field), "expected a string");
        }
        String text = value.asString();
        if (text.length() > maxLength) {
            throw bad(path(path, field), "longer than " + maxLength + " characters");
        }
        return text;
    }

    public static String oneOf(JsonNode parent, String field, String path, String absent, String... values) {
        String text = string(parent, field, path, 64, absent);
        if (text != null && !Arrays.asList(values).contains(text)) {
            throw bad(path(path, field), "must be one of " + Arrays.toString(values));
        }
        return text;
    }

    public static Long integer(JsonNode parent, String field, String path, long min, long max, Long absent) {
        JsonNode value = present(parent, field);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber()) {
            throw bad(path(path, field), "expected an integer");
        }
        long number = value.asLong();
        if (number < min || number > max || !value.canConvertToLong()) {
            throw bad(path(path, field), "must be in " + min + ".." + max);
        }
        return number;
    }

    /** LUNA's 0/1 switches; JSON booleans are taken too. */
    public static boolean flag(JsonNode parent, String field, String path, boolean absent) {
        JsonNode value = present(parent, field);
        if (value == null) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && (value.asInt() == 0 || value.asInt() == 1)) {
            return value.asInt() == 1;
        }
        throw bad(path(path, field), "expected 0 or 1");
    }

    public static UUID uuid(JsonNode parent, String field, String path, boolean required) {
        JsonNode value = present(parent, field);
        if (value == null) {
            if (required) {
                throw bad(path(path, field), "required field is missing");
            }
            return null;
        }
        return uuid(value, path(path, field));
    }

    public static UUID uuid(JsonNode value, String path) {
        if (!value.isString() || value.asString().length() != 36) {
            throw bad(path, "expected a UUID");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            throw bad(path, "expected a UUID");
        }
    }

    /** An array of 1..max strings of at most maxLength characters. */
    public static List<String> strings(JsonNode parent, String field, String path, int max, int maxLength) {
        JsonNode value = present(parent, field);
        if (value == null) {
            return null;
        }
        String at = path(path, field);
        if (!value.isArray() || value.isEmpty() || value.size() > max) {
            throw bad(at, "expected an array of 1.." + max + " strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString() || item.asString().isEmpty() || item.asString().length() > maxLength) {
                throw bad(at + "[" + i + "]", "expected a string of 1.." + maxLength + " characters");
            }
            items.add(item.asString());
        }
        return items;
    }
}
