package io.selene.commons.json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of one JSON object of a request: typed getters that name the field's path in
 * every refusal (400, code 102, {@link #bad}), and {@link #finish()} refusing the fields nobody
 * asked for. JSON {@code null} reads like a missing field.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final Set<String> read = new LinkedHashSet<>();

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path} ({@code ""}: the body); missing or null reads as an empty object. */
    public static JsonFields of(JsonNode node, String path) {
        if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
            throw bad(path.isEmpty() ? "body" : path, "must be a JSON object");
        }
        return new JsonFields(node == null || !node.isObject() ? null : node, path);
    }

    /** A request body that must be a JSON object (null or missing is refused). */
    public static JsonFields body(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw bad("body", "must be a JSON object");
        }
        return new JsonFields(body, "");
    }

    /** The one wording of a refused field: {@code Bad field '<path>': <reason>} (400, 102). */
    public static LunaException bad(String path, String reason) {
        return PlatformErrors.badField(path, reason);
    }

    public String path() {
        return path;
    }

    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The raw value, or {@code null} when missing or JSON null. */
    public JsonNode raw(String name) {
        read.add(name);
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String name) {
        return node != null && node.has(name) && !node.get(name).isNull();
    }

    /** Whether the object has no fields at all. */
    public boolean isEmpty() {
        return node == null || node.isEmpty();
    }

    /** A LUNA 0/1 flag (integer). */
    public int flag(String name, int otherwise) {
        JsonNode value = raw(name);
        if (value == null) {
            return otherwise;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || (value.intValue() != 0 && value.intValue() != 1)) {
            throw bad(path(name), "must be 0 or 1");
        }
        return value.intValue();
    }

    public int integer(String name, int otherwise, int min, int max) {
        Integer value = optionalInteger(name, min, max);
        return value == null ? otherwise : value;
    }

    public Integer optionalInteger(String name, int min, int max) {
        JsonNode value = raw(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw bad(path(name), "must be an integer in " + min + ".." + max);
        }
        return value.intValue();
    }

    public Double number(String name, Double otherwise, double min, double max) {
        JsonNode value = raw(name);
        if (value == null) {
            return otherwise;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < min
                || value.doubleValue() > max) {
            throw bad(path(name), "must be a number in " + min + ".." + max);
        }
        return value.doubleValue();
    }

    public boolean bool(String name, boolean otherwise) {
        JsonNode value = raw(name);
        if (value == null) {
            return otherwise;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && (value.intValue() == 0 || value.intValue() == 1)) {
            return value.intValue() == 1;
        }
        throw bad(path(name), "must be true or false");
    }

    public String string(String name, String otherwise, int minLength, int maxLength) {
        JsonNode value = raw(name);
        if (value == null) {
            return otherwise;
        }
        if (!value.isString()) {
            throw bad(path(name), "must be a string");
        }
        String text = value.stringValue();
        if (text.length() < minLength || text.length() > maxLength) {
            throw bad(path(name), "must be " + minLength + ".." + maxLength + " characters long");
        }
        return text;
    }

    /** A string out of {@code values} (its default {@code otherwise} when not given). */
    public String oneOf(String name, String otherwise, List<String> values) {
        String value = string(name, otherwise, 0, Integer.MAX_VALUE);
        if (value != null && !values.contains(value)) {
            throw bad(path(name), "must be one of " + values);
        }
        return value;
    }

    /** An array of 1..{@code maxItems} non-empty strings of at most {@code maxLength} characters; null when not given. */
    public List<String> strings(String name, int maxItems, int maxLength) {
        JsonNode value = raw(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
            throw bad(path(name), "must be an array of 1.." + maxItems + " strings");
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString() || item.stringValue().isEmpty() || item.stringValue().length() > maxLength) {
                throw bad(path(name) + "[" + i + "]", "must be a string of 1.." + maxLength + " characters");
            }
            items.add(item.stringValue());
        }
        return items;
    }

    /** A value that must be given (not null), of any type. */
    public JsonNode required(String name) {
        JsonNode value = raw(name);
        if (value == null) {
            throw bad(path(name), "is required");
        }
        return value;
    }

    /** A string that must be given. */
    public String requiredString(String name, int minLength, int maxLength) {
        String value = string(name, null, minLength, maxLength);
        if (value == null) {
            throw bad(path(name), "is required");
        }
        return value;
    }

    public UUID uuid(String name) {
        JsonNode value = raw(name);
        if (value == null) {
            return null;
        }
        return uuid(value, path(name));
    }

    public static UUID uuid(JsonNode value, String path) {
        if (value.isString() && value.stringValue().length() == 36) {
            try {
                return UUID.fromString(value.stringValue());
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw bad(path, "must be a UUID");
    }

    /** The items of an array (empty when missing); at most {@code maxItems}. */
    public List<JsonNode> array(String name, int maxItems) {
        JsonNode value = raw(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw bad(path(name), "must be an array");
        }
        if (value.size() > maxItems) {
            throw bad(path(name), "has " + value.size() + " items; at most " + maxItems + " are allowed");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.values().forEach(items::add);
        return items;
    }

    public JsonFields object(String name) {
        return of(raw(name), path(name));
    }

    /** An object that must be given. */
    public JsonFields requiredObject(String name) {
        return of(required(name), path(name));
    }

    /** The names of the object's fields, in order (none when it is missing). */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (node != null) {
            node.propertyNames().forEach(names::add);
        }
        return names;
    }

    /** Marks fields read elsewhere. */
    public void known(String... names) {
        read.addAll(List.of(names));
    }

    /** Refuses any field that no getter read. */
    public void finish() {
        if (node == null) {
            return;
        }
        for (String name : node.propertyNames()) {
            if (!read.contains(name)) {
                throw bad(path(name), "unknown field; allowed: " + read);
            }
        }
    }
}
