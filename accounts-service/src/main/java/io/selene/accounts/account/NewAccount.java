package io.selene.accounts.account;

import static io.selene.commons.json.Reasons.LENGTH;
import static io.selene.commons.json.Reasons.REQUIRED;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /6/accounts}. */
public record NewAccount(
        @NotNull(message = REQUIRED) @Size(min = 1, max = 256, message = LENGTH) String login,
        @NotNull(message = REQUIRED) @Size(min = Logins.MIN_PASSWORD, max = Logins.MAX_PASSWORD, message = LENGTH)
        String password,
        @Size(min = 1, max = 32, message = LENGTH) String accountType,
        @Size(max = 256, message = LENGTH) String description) {
}
