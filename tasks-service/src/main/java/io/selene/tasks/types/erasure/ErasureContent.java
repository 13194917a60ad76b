package io.selene.tasks.types.erasure;

import static io.selene.commons.json.Reasons.REQUIRED;
import static io.selene.tasks.types.ContentRules.UUID;
import static io.selene.tasks.types.ContentRules.UUID_REASON;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The {@code content} of an {@code account_erasure} task: the account to erase. */
public record ErasureContent(
        @NotNull(message = REQUIRED) @Pattern(regexp = UUID, message = UUID_REASON) String accountId) {
}
