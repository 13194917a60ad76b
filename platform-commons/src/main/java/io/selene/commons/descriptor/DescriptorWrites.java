package io.selene.commons.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.json.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * The body of a bulk descriptor write ({@code {"descriptors": [{"<id field>", "version", "data"}]}}, raw
 * descriptors in base64), as faces-service and events-service take it from tasks-service: checked whole
 * before anything is written (102 naming the item's field, 12050/12051/12053 for a bad descriptor), no id twice.
 */
public final class DescriptorWrites {

    /** One descriptor to write: whose, which version, the raw bytes. */
    public record Item(UUID id, int version, byte[] data) {
    }

    private DescriptorWrites() {
    }

    public static List<Item> read(JsonNode body, String idField, int max) {
        JsonFields fields = JsonFields.body(body);
        List<JsonNode> list = fields.array("descriptors", max);
        if (list.isEmpty()) {
            throw JsonFields.bad(fields.path("descriptors"), "must hold 1.." + max + " descriptors");
        }
        fields.finish();
        List<Item> items = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonFields item = JsonFields.of(list.get(i), fields.path("descriptors") + "[" + i + "]");
            UUID id = item.uuid(idField);
            Integer version = item.optionalInteger("version", 1, Integer.MAX_VALUE);
            String data = item.requiredString("data", 1, Integer.MAX_VALUE);
            item.finish();
            if (id == null || version == null) {
                throw JsonFields.bad(item.path(id == null ? idField : "version"), "is required");
            }
            if (!seen.add(id)) {
                throw JsonFields.bad(item.path(idField), "repeats " + id);
            }
            items.add(new Item(id, version, DescriptorCodec.decodeRawBase64(data, version).raw()));
        }
        return items;
    }
}
