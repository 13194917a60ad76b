package io.selene.faces.faces;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.fields.Field;

/**
 * A face record without its descriptors.
 *
 * @param values the value of each given {@code FaceFields} field (user_data, external_id, avatar, event_id)
 */
public record Face(UUID faceId, UUID accountId, OffsetDateTime createTime, Map<Field, Object> values,
        List<UUID> lists) {
}
