package io.selene.accounts.account;

import static io.selene.commons.json.Reasons.LENGTH;

import io.selene.commons.json.ZeroOrOne;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The body of {@code PATCH /6/accounts/{account_id}}: only the fields given change. */
public record AccountPatch(
        @Size(min = 1, max = 256, message = LENGTH) String login,
        @Size(min = Logins.MIN_PASSWORD, max = Logins.MAX_PASSWORD, message = LENGTH) String password,
        @Size(min = 1, max = 32, message = LENGTH) String accountType,
        @Size(max = 256, message = LENGTH) String description,
        @JsonDeserialize(using = ZeroOrOne.class) Boolean blocked) {
}
