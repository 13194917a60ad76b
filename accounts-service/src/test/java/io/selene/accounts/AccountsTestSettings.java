package io.selene.accounts;

/** The settings every accounts-service test context shares (one cached Spring context for the module). */
final class AccountsTestSettings {

    static final String ADMIN_LOGIN = "root@selene.test";
    static final String ADMIN_PASSWORD = "first-admin-password";
    static final String LOGIN_PROPERTY = "selene.accounts.admin.login=" + ADMIN_LOGIN;
    static final String PASSWORD_PROPERTY = "selene.accounts.admin.password=" + ADMIN_PASSWORD;
    /** Fast BCrypt in tests; the hash is still a real BCrypt hash. */
    static final String STRENGTH_PROPERTY = "selene.accounts.bcrypt-strength=4";

    private AccountsTestSettings() {
    }
}
