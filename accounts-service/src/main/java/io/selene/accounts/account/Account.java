package io.selene.accounts.account;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored account; the password is only ever held as its hash. */
public record Account(UUID accountId, String login, String passwordHash, AccountType accountType,
        String description, OffsetDateTime createTime, OffsetDateTime lastUpdateTime, boolean blocked) {

    public AccountView view() {
        return new AccountView(accountId, login, accountType.json(), description, createTime, lastUpdateTime,
                blocked);
    }
}
