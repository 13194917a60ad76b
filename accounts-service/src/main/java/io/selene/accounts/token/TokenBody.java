package io.selene.accounts.token;

import static io.selene.commons.json.Reasons.LENGTH;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The writable fields of a token in a POST or PUT body; {@code permissions} is read by {@link Permissions}. */
public record TokenBody(
        @Size(max = 256, message = LENGTH) String description,
        @Size(min = 1, max = 64, message = LENGTH) String expirationTime,
        @Pattern(regexp = "account|all", message = "must be 'account' or 'all'") String visibilityArea,
        JsonNode permissions) {
}
