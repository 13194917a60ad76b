package io.selene.api;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/**
 * Errors the gateway answers itself (Selene's codes 10001-10005, a range LUNA publishes no code in;
 * Accounts' own are 11001-11016). The {@code Luna-Account-Id} answers keep LUNA's API codes (11037,
 * 11061) and statuses, so a client probing with the legacy header fails as it would on LUNA.
 */
public final class GatewayErrors implements ErrorCatalogue {

    public static final LunaError NO_CREDENTIALS = new LunaError(10001, HttpStatus.UNAUTHORIZED, "Unauthorized",
            "Authorization required: send 'Authorization: Basic <base64(login:password)>' or "
                    + "'Authorization: Bearer <token>'");
    public static final LunaError BAD_AUTHORIZATION = new LunaError(10002, HttpStatus.UNAUTHORIZED, "Unauthorized",
            "Malformed Authorization header: {}");
    public static final LunaError LEGACY_HEADER_DISABLED = new LunaError(11061, HttpStatus.FORBIDDEN,
            "Forbidden", "Authorization with 'Luna-Account-Id' header is disabled "
                    + "(selene.gateway.allow-luna-account-id-header); use Basic or Bearer authorization");
    public static final LunaError LEGACY_HEADER_NOT_UUID = new LunaError(11037, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data",
            "Luna-Account-Id header is not UUID format: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    public static final LunaError FORBIDDEN_BY_TOKEN = new LunaError(10004, HttpStatus.FORBIDDEN, "Forbidden",
            "ForbiddenByToken: the token does not allow action '{}' on object '{}'");
    public static final LunaError TOO_MANY_FAILED_LOGINS = new LunaError(10005, HttpStatus.TOO_MANY_REQUESTS,
            "Too many requests", "Too many failed login attempts for '{}'; try again in {} s");

    @Override
    public List<LunaError> errors() {
        return List.of(NO_CREDENTIALS, BAD_AUTHORIZATION, LEGACY_HEADER_DISABLED, LEGACY_HEADER_NOT_UUID,
                FORBIDDEN_BY_TOKEN, TOO_MANY_FAILED_LOGINS);
    }
}
