package io.selene.accounts.account;

import java.util.Locale;
import java.util.regex.Pattern;

import io.selene.commons.error.PlatformErrors;

/** Login (an e-mail, kept lower-case) and password rules, from LUNA's account schema. */
public final class Logins {

    public static final int MIN_PASSWORD = 3;
    public static final int MAX_PASSWORD = 128;
    private static final Pattern EMAIL =
            Pattern.compile("^[a-z0-9_'+\\-.]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$");

    private Logins() {
    }

    public static String normalize(String field, String login) {
        String lower = login.trim().toLowerCase(Locale.ROOT);
        if (lower.length() < 3 || lower.length() > 128 || !EMAIL.matcher(lower).matches()) {
            throw PlatformErrors.BAD_BODY.exception("Field '" + field + "' must be an e-mail address of 3..128 characters");
        }
        return lower;
    }
}
