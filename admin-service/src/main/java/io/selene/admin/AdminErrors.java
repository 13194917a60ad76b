package io.selene.admin;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors of admin-service (codes 35001-35005; see docs/errors.md). */
public final class AdminErrors implements ErrorCatalogue {

    public static final LunaError NOT_ADMIN = new LunaError(35001, HttpStatus.FORBIDDEN,
            "Forbidden", "Account '{}' is not an admin: the admin API and pages are for admin accounts only");
    public static final LunaError LOGIN_REQUIRED = new LunaError(35002, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "Log in with an admin account first");
    public static final LunaError BAD_CSRF_TOKEN = new LunaError(35003, HttpStatus.FORBIDDEN,
            "Forbidden", "The form is stale or did not come from this site: reload the page and try again");
    public static final LunaError BLOCKED = new LunaError(35005, HttpStatus.FORBIDDEN,
            "Forbidden", "Account '{}' is blocked");
    public static final LunaError TASK_NOT_FOUND = new LunaError(35004, HttpStatus.NOT_FOUND,
            "Object not found", "Task with id '{}' not found");

    @Override
    public List<LunaError> errors() {
        return List.of(NOT_ADMIN, LOGIN_REQUIRED, BAD_CSRF_TOKEN, TASK_NOT_FOUND, BLOCKED);
    }
}
