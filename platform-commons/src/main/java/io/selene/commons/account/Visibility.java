package io.selene.commons.account;

/** What a caller may see: only its own account's data, or every account's (LUNA's visibility area). */
public enum Visibility {
    ACCOUNT, ALL;

    public static Visibility parse(String header) {
        return "all".equalsIgnoreCase(header) ? ALL : ACCOUNT;
    }

    public String header() {
        return name().toLowerCase();
    }
}
