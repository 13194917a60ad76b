package io.selene.api.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the gateway under {@code selene.gateway}.
 *
 * @param allowLunaAccountIdHeader accept LUNA's deprecated {@code Luna-Account-Id} header as authentication
 * @param basicAuthCacheTtl        how long a verified login + password is reused without asking Accounts
 * @param basicAuthCacheSize       most cached logins
 * @param maxFailedLogins          failed Basic logins per login within {@code failedLoginWindow} before 429
 * @param failedLoginWindow        window of the failed-login count (also how long a login stays locked)
 */
@ConfigurationProperties("selene.gateway")
public record GatewaySettings(boolean allowLunaAccountIdHeader, Duration basicAuthCacheTtl, Integer basicAuthCacheSize,
        Integer maxFailedLogins, Duration failedLoginWindow) {

    public GatewaySettings {
        basicAuthCacheTtl = basicAuthCacheTtl == null ? Duration.ofSeconds(15) : basicAuthCacheTtl;
        basicAuthCacheSize = basicAuthCacheSize == null ? 10_000 : basicAuthCacheSize;
        maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
        failedLoginWindow = failedLoginWindow == null ? Duration.ofSeconds(60) : failedLoginWindow;
    }
}
