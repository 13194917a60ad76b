package io.selene.imagestore.storage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link BlobMeta} as the small JSON document the local back-end writes in front of each blob. */
final class MetaCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MetaCodec() {
    }

    static byte[] encode(BlobMeta meta) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("account_id", meta.accountId() == null ? null : meta.accountId().toString());
        map.put("content_type", meta.contentType());
        map.put("size", meta.size());
        map.put("create_time", meta.createTime().toString());
        map.put("expiry_time", meta.expiryTime() == null ? null : meta.expiryTime().toString());
        return JSON.writeValueAsBytes(map);
    }

    static BlobMeta decode(byte[] json) {
        JsonNode node = JSON.readTree(json);
        return new BlobMeta(
                text(node, "account_id") == null ? null : UUID.fromString(text(node, "account_id")),
                text(node, "content_type"),
                node.get("size").asLong(),
                Instant.parse(text(node, "create_time")),
                text(node, "expiry_time") == null ? null : Instant.parse(text(node, "expiry_time")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
