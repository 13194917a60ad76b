package io.selene.accounts.account;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An account as the API shows it: never the password or its hash. */
public record AccountView(UUID accountId, String login, String accountType, String description,
        OffsetDateTime createTime, OffsetDateTime lastUpdateTime, boolean blocked) {
}
