package io.selene.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.selene.api.GatewayErrors;
import io.selene.commons.error.LunaException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Resolves the caller of a {@code /6} request: {@code Authorization: Basic} (verified by Accounts,
 * briefly cached, attempts counted per login in Redis before the password is checked), {@code Authorization: Bearer} (checked by
 * Accounts on every request, so revocation is immediate) or, only when enabled, the legacy
 * {@code Luna-Account-Id} header. Anything else is a 401. The legacy header answers as LUNA's API does:
 * 403 (11061) while it is disabled, 400 (11037) when it is not a UUID.
 */
@Component
public class Authenticator {

    public static final String LEGACY_HEADER = "Luna-Account-Id";
    /** LUNA PLATFORM 3's token header, accepted on its {@code /4} routes only: the token is the same JWT as Bearer's. */
    public static final String LP3_TOKEN_HEADER = "X-Auth-Token";

    private final AccountsAuthClient accounts;
    private final BasicAuthCache cache;
    private final LoginThrottle throttle;
    private final GatewaySettings settings;

    public Authenticator(AccountsAuthClient accounts, BasicAuthCache cache, LoginThrottle throttle,
            GatewaySettings settings) {
        this.accounts = accounts;
        this.cache = cache;
        this.throttle = throttle;
        this.settings = settings;
    }

    public Principal authenticate(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            String header = authorization.trim();
            int space = header.indexOf(' ');
            String scheme = space < 0 ? header : header.substring(0, space);
            String credentials = space < 0 ? "" : header.substring(space + 1).trim();
            if ("Basic".equalsIgnoreCase(scheme)) {
                return basic(header, credentials);
            }
            if ("Bearer".equalsIgnoreCase(scheme)) {
                if (credentials.isEmpty()) {
                    throw GatewayErrors.BAD_AUTHORIZATION.exception("Bearer without a token");
                }
                return accounts.authorization("Bearer " + credentials);
            }
            throw GatewayErrors.BAD_AUTHORIZATION.exception("scheme must be Basic or Bearer");
        }
        String lp3Token = request.getHeader(LP3_TOKEN_HEADER);
        if (lp3Token != null && !lp3Token.isBlank() && request.getRequestURI().startsWith("/4/")) {
            return accounts.authorization("Bearer " + lp3Token.trim());
        }
        String legacy = request.getHeader(LEGACY_HEADER);
        if (legacy != null && !legacy.isBlank()) {
            if (!settings.allowLunaAccountIdHeader()) {
                throw GatewayErrors.LEGACY_HEADER_DISABLED.exception();
            }
            try {
                java.util.UUID.fromString(legacy.trim());
            } catch (IllegalArgumentException e) {
                throw GatewayErrors.LEGACY_HEADER_NOT_UUID.exception();
            }
            return accounts.legacyAccount(legacy.trim());
        }
        throw GatewayErrors.NO_CREDENTIALS.exception();
    }

    private Principal basic(String header, String credentials) {
        String login = login(credentials);
        throttle.check(login);
        Principal cached = cache.get(header);
        if (cached != null) {
            return cached;
        }
        throttle.attempt(login); // counted before the password is checked: concurrency gains no extra guesses
        Principal principal;
        try {
            principal = accounts.authorization(header);
        } catch (LunaException e) {
            if (e.status() != HttpStatus.UNAUTHORIZED) {
                throttle.notChecked(login);
            }
            throw e;
        } catch (RuntimeException e) {
            throttle.notChecked(login);
            throw e;
        }
        throttle.succeeded(login);
        cache.put(header, principal);
        return principal;
    }

    private static String login(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayErrors.BAD_AUTHORIZATION.exception("Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw GatewayErrors.BAD_AUTHORIZATION.exception("Basic credentials must be login:password");
        }
        return decoded.substring(0, colon);
    }

    /** Drops cached logins of an account after it was changed or deleted through the gateway. */
    public void forget(java.util.UUID accountId) {
        cache.evictAccount(accountId);
    }
}
