package io.selene.commons.fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.json.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading the given fields of an object's JSON, and placing field values at their paths. */
public final class FieldValues {

    private FieldValues() {
    }

    /**
     * The given fields of an object and the rest of it.
     *
     * @param values each given field that has a value, checked against its type
     * @param rest   a copy of the object without them (nor their parents, once emptied), for the caller
     *               to bind the parts it reads itself
     */
    public record Read(Map<Field, Object> values, ObjectNode rest) {
    }

    /**
     * Reads the {@link Field.Source#GIVEN} fields of {@code object} (found at {@code at} of the body):
     * each refused with its path when it does not fit, a parent object ({@code location}) refused when
     * it is not an object or holds a key no field has, a required field refused when its parent is given
     * without it.
     */
    public static Read read(Catalogue catalogue, JsonNode object, String at) {
        return read(catalogue.given(), object, at);
    }

    /** As {@link #read(Catalogue, JsonNode, String)} for some of the given fields ({@code at} "" for the body). */
    public static Read read(List<Field> given, JsonNode object, String at) {
        if (object == null || !object.isObject()) {
            throw JsonFields.bad(at.isEmpty() ? "body" : at, "must be an object");
        }
        String prefix = at.isEmpty() ? "" : at + ".";
        ObjectNode rest = (ObjectNode) object.deepCopy();
        Map<Field, Object> values = new LinkedHashMap<>();
        Set<List<String>> parents = new LinkedHashSet<>();
        for (Field field : given) {
            List<String> path = field.path();
            JsonNode parent = object;
            boolean present = true;
            for (int i = 0; i < path.size() - 1; i++) {
                JsonNode child = parent.get(path.get(i));
                if (child == null || child.isNull()) {
                    present = false;
                    break;
                }
                if (!child.isObject()) {
                    throw JsonFields.bad(prefix + String.join(".", path.subList(0, i + 1)), "must be an object");
                }
                parents.add(path.subList(0, i + 1));
                parent = child;
            }
            if (!present) {
                continue;
            }
            JsonNode value = parent.get(path.getLast());
            String where = prefix + field.pathText();
            if (value != null && !value.isNull()) {
                values.put(field, field.fromJson(value, where));
            } else if (field.isRequired() && path.size() > 1) {
                field.fromJson(tools.jackson.databind.node.NullNode.getInstance(), where); // refuses
            }
            JsonNode restParent = Catalogue.at(rest, path.subList(0, path.size() - 1));
            if (restParent instanceof ObjectNode node) {
                node.remove(path.getLast());
            }
        }
        // the given parents, deepest first: emptied ones go, a key left over is unknown
        List<List<String>> deepestFirst = new ArrayList<>(parents);
        deepestFirst.sort(Comparator.comparingInt(p -> -p.size()));
        for (List<String> parentPath : deepestFirst) {
            JsonNode node = Catalogue.at(rest, parentPath);
            if (node instanceof ObjectNode parent) {
                for (String key : parent.propertyNames()) {
                    throw JsonFields.bad(prefix + String.join(".", parentPath) + "." + key, "unknown field");
                }
                JsonNode holder = Catalogue.at(rest, parentPath.subList(0, parentPath.size() - 1));
                if (holder instanceof ObjectNode h) {
                    h.remove(parentPath.getLast());
                }
            }
        }
        return new Read(values, rest);
    }

    /** Puts a value at its field's path in a tree of maps, making the parents as needed. */
    @SuppressWarnings("unchecked")
    public static void put(Map<String, Object> tree, Field field, Object value) {
        Map<String, Object> node = tree;
        List<String> path = field.path();
        for (int i = 0; i < path.size() - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
        }
        node.put(path.getLast(), value);
    }

    /** Every nested map of the tree whose values are all null (after the same for its own maps) becomes null. */
    @SuppressWarnings("unchecked")
    public static void collapse(Map<String, Object> tree) {
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> child) {
                collapse((Map<String, Object>) child);
                if (child.values().stream().allMatch(v -> v == null)) {
                    entry.setValue(null);
                }
            }
        }
    }

    /** Puts a JSON value at its field's path in an object node, making the parents as needed. */
    public static void put(ObjectNode object, Field field, JsonNode value) {
        ObjectNode node = object;
        List<String> path = field.path();
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            node = child instanceof ObjectNode existing ? existing : node.putObject(path.get(i));
        }
        node.set(path.getLast(), value);
    }
}
