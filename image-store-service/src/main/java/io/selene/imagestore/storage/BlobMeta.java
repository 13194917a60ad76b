package io.selene.imagestore.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * What is kept with every stored blob: its owner, the Content-Type it was stored with (returned
 * unchanged), its size, when it was stored and when it expires ({@code null}: never).
 */
public record BlobMeta(UUID accountId, String contentType, long size, Instant createTime, Instant expiryTime) {

    public boolean expiredAt(Instant now) {
        return expiryTime != null && !expiryTime.isAfter(now);
    }
}
