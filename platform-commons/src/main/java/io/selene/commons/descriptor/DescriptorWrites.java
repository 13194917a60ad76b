package io.selene.commons.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.error.PlatformErrors;
import tools.jackson.databind.JsonNode;

/**
 * The body of a bulk descriptor write ({@code {"descriptors": [{"<id field>", "version", "data"}]}}, raw
 * descriptors in base64), as faces-service and events-service take it from tasks-service: checked whole
 * before anything is written (102 naming the item, 12050/12051/12053 for a bad descriptor), no id twice.
 */
public final class DescriptorWrites {

    /** One descriptor to write: whose, which version, the raw bytes. */
    public record Item(UUID id, int version, byte[] data) {
    }

    private DescriptorWrites() {
    }

    public static List<Item> read(JsonNode body, String idField, int max) {
        JsonNode list = body == null ? null : body.get("descriptors");
        if (body == null || !body.isObject() || body.size() != 1 || list == null || !list.isArray() || list.isEmpty()
                || list.size() > max) {
            throw PlatformErrors.BAD_BODY.exception("Body must be {\"descriptors\": [1.." + max + " of {\"" + idField
                    + "\", \"version\", \"data\"}]}");
        }
        List<Item> items = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "descriptors[" + i + "]";
            if (!item.isObject() || item.size() != 3 || !item.path(idField).isString()
                    || !item.path("version").isIntegralNumber() || !item.path("data").isString()) {
                throw PlatformErrors.BAD_BODY.exception("'" + at + "' must be {\"" + idField + "\", \"version\", \"data\"}");
            }
            UUID id;
            try {
                id = UUID.fromString(item.get(idField).asString());
            } catch (IllegalArgumentException e) {
                throw PlatformErrors.BAD_BODY.exception("'" + at + "." + idField + "' is not a UUID");
            }
            if (!seen.add(id)) {
                throw PlatformErrors.BAD_BODY.exception("'" + at + "." + idField + "' repeats " + id);
            }
            int version = item.get("version").asInt();
            items.add(new Item(id, version, DescriptorCodec.decodeRawBase64(item.get("data").asString(), version).raw()));
        }
        return items;
    }
}
