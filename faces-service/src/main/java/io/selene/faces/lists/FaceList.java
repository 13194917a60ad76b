package io.selene.faces.lists;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A list of faces. */
public record FaceList(UUID listId, UUID accountId, String userData, OffsetDateTime createTime,
        OffsetDateTime lastUpdateTime, long faceCount) {
}
