package io.selene.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of accounts-service under {@code selene.accounts}.
 *
 * @param admin           the admin account created on first start
 * @param tokenSigningKey HMAC key of the tokens; blank means "generate once and keep in the schema"
 * @param bcryptStrength  BCrypt work factor
 */
@ConfigurationProperties("selene.accounts")
public record AccountsSettings(Admin admin, String tokenSigningKey, Integer bcryptStrength) {

    public AccountsSettings {
        admin = admin == null ? new Admin(null, null) : admin;
        bcryptStrength = bcryptStrength == null ? 10 : bcryptStrength;
    }

    /** Login and password of the default admin ({@code SELENE_ADMIN_LOGIN} / {@code SELENE_ADMIN_PASSWORD}). */
    public record Admin(String login, String password) {
    }
}
