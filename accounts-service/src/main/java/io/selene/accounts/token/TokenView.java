package io.selene.accounts.token;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A token as the API shows it (without the JWT, which is only handed out on creation and replacement). */
public record TokenView(UUID tokenId, UUID accountId, String description, OffsetDateTime expirationTime,
        String visibilityArea, Map<String, List<String>> permissions, OffsetDateTime createTime,
        OffsetDateTime lastUpdateTime) {

    static TokenView of(Token token) {
        return new TokenView(token.tokenId(), token.accountId(), token.description(), token.expirationTime(),
                token.visibilityArea(), token.permissions(), token.createTime(), token.lastUpdateTime());
    }
}
