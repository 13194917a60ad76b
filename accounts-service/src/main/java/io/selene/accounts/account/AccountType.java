package io.selene.accounts.account;

import java.util.Arrays;

import io.selene.commons.error.PlatformErrors;

/** LUNA's account types: a {@code user} sees its own data; the others may read and match every account's. */
public enum AccountType {
    USER, ADVANCED_USER, ADMIN;

    public String json() {
        return name().toLowerCase();
    }

    /** Whether the type reads and matches across accounts (LUNA's visibility area "all"). */
    public boolean seesAllAccounts() {
        return this != USER;
    }

    public static AccountType parse(String field, String value) {
        return Arrays.stream(values()).filter(type -> type.json().equals(value)).findFirst()
                .orElseThrow(() -> PlatformErrors.BAD_BODY.exception("Field '" + field
                        + "' must be one of user, advanced_user, admin"));
    }
}
