package io.selene.faces.attributes;

import java.time.Instant;
import java.util.UUID;


/** A temporary attribute as kept in Redis until {@code expiryTime}. */
public record TemporaryAttribute(UUID attributeId, UUID accountId, Instant createTime, Instant expiryTime,
        FaceAttributes attributes) {
}
