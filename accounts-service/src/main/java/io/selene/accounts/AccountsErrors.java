package io.selene.accounts;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors of accounts-service (codes 11000-11099; see docs/errors.md). */
public final class AccountsErrors implements ErrorCatalogue {

    public static final LunaError ACCOUNT_NOT_FOUND = new LunaError(11001, HttpStatus.NOT_FOUND,
            "Object not found", "Account with id '{}' not found");
    public static final LunaError LOGIN_TAKEN = new LunaError(11002, HttpStatus.CONFLICT,
            "Unique constraint error", "An account with login '{}' already exists");
    public static final LunaError TOKEN_NOT_FOUND = new LunaError(11003, HttpStatus.NOT_FOUND,
            "Object not found", "Token with id '{}' not found");
    public static final LunaError FORBIDDEN = new LunaError(11004, HttpStatus.FORBIDDEN,
            "Forbidden", "{}");
    public static final LunaError LAST_ADMIN = new LunaError(11005, HttpStatus.CONFLICT,
            "Conflict", "Account '{}' is the last admin account; create another admin first");
    public static final LunaError CALLER_UNKNOWN = new LunaError(11006, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "The calling account '{}' does not exist");

    public static final LunaError BAD_CREDENTIALS = new LunaError(11010, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "Login or password is incorrect");
    public static final LunaError TOKEN_INVALID = new LunaError(11011, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "Bearer token is not valid: {}");
    public static final LunaError TOKEN_EXPIRED = new LunaError(11012, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "Token '{}' has expired");
    public static final LunaError TOKEN_REVOKED = new LunaError(11013, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "Token '{}' has been revoked");
    public static final LunaError BAD_AUTHORIZATION = new LunaError(11014, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "Malformed Authorization header: {}");
    public static final LunaError UNKNOWN_ACCOUNT = new LunaError(11015, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "Account '{}' does not exist");
    public static final LunaError ACCOUNT_BLOCKED = new LunaError(11016, HttpStatus.FORBIDDEN,
            "Forbidden", "Account '{}' is blocked; an admin can unblock it");

    @Override
    public List<LunaError> errors() {
        return List.of(ACCOUNT_NOT_FOUND, LOGIN_TAKEN, TOKEN_NOT_FOUND, FORBIDDEN, LAST_ADMIN, CALLER_UNKNOWN,
                BAD_CREDENTIALS, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, BAD_AUTHORIZATION, UNKNOWN_ACCOUNT,
                ACCOUNT_BLOCKED);
    }
}
