package io.selene.admin.accounts;

import static io.selene.commons.json.Reasons.LENGTH;
import static io.selene.commons.json.Reasons.REQUIRED;

import io.selene.commons.json.ZeroOrOne;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The bodies of the admin API's account routes; accounts-service checks each value again as the owner. */
final class AccountBodies {

    static final String TYPES = "user|advanced_user|admin";
    static final String TYPE_REASON = "must be one of [user, advanced_user, admin]";

    private AccountBodies() {
    }

    record NewAccount(
            @NotNull(message = REQUIRED) @Size(min = 1, max = 256, message = LENGTH) String login,
            @NotNull(message = REQUIRED) @Size(min = 1, max = 256, message = LENGTH) String password,
            @Pattern(regexp = TYPES, message = TYPE_REASON) String accountType,
            @Size(max = 256, message = LENGTH) String description) {
    }

    record AccountPatch(
            @Size(max = 256, message = LENGTH) String login,
            @Size(max = 256, message = LENGTH) String password,
            @Size(max = 256, message = LENGTH) String description,
            @Pattern(regexp = TYPES, message = TYPE_REASON) String accountType,
            @JsonDeserialize(using = ZeroOrOne.class) Boolean blocked) {
    }

    record NewToken(@Size(max = 256, message = LENGTH) String description) {
    }
}
