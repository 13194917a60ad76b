package io.selene.accounts.token;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored token. The JWT handed out only names it ({@code jti}) and its account ({@code sub});
 * everything it allows is read from here when it is used.
 *
 * @param expirationTime  {@code null}: never expires
 * @param visibilityArea  {@code account} or {@code all}
 */
public record Token(UUID tokenId, UUID accountId, String description, OffsetDateTime expirationTime,
        String visibilityArea, Map<String, List<String>> permissions, OffsetDateTime createTime,
        OffsetDateTime lastUpdateTime) {

    public boolean expiredAt(OffsetDateTime now) {
        return expirationTime != null && !expirationTime.isAfter(now);
    }
}
