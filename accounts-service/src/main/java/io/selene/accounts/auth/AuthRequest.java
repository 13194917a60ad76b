package io.selene.accounts.auth;

import static io.selene.commons.json.Reasons.LENGTH;

import jakarta.validation.constraints.Size;

/** The gateway's question to {@code POST /1/auth}: an Authorization header's value, or a legacy account id. */
public record AuthRequest(
        @Size(min = 1, max = 8192, message = LENGTH) String authorization,
        @Size(min = 36, max = 36, message = LENGTH) String accountId) {
}
