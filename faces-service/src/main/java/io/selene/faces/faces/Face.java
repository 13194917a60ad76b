package io.selene.faces.faces;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A face record without its descriptors. */
public record Face(UUID faceId, UUID accountId, UUID eventId, String userData, String externalId, String avatar,
        OffsetDateTime createTime, List<UUID> lists) {
}
