package io.selene.configurator;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors of configurator-service (codes 21001-21019; see the module README). */
public final class ConfiguratorErrors implements ErrorCatalogue {

    public static final LunaError SETTING_NOT_FOUND = new LunaError(21001, HttpStatus.NOT_FOUND,
            "Object not found", "Setting with id '{}' not found");
    public static final LunaError LIMITATION_NOT_FOUND = new LunaError(21002, HttpStatus.NOT_FOUND,
            "Object not found", "Limitation '{}' not found");
    public static final LunaError UNKNOWN_SETTING = new LunaError(21003, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "No limitation named '{}': settings must use a known name");
    public static final LunaError INVALID_VALUE = new LunaError(21004, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Value of setting '{}' does not satisfy its limitation: {}");
    public static final LunaError BAD_TAG = new LunaError(21005, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Tag '{}' of setting '{}' is not a service that reads it; allowed: {}");
    public static final LunaError DUPLICATE_SETTING = new LunaError(21006, HttpStatus.CONFLICT,
            "Unique constraint error", "Setting '{}' already has a value for {}");
    public static final LunaError VERSION_NOT_FOUND = new LunaError(21007, HttpStatus.NOT_FOUND,
            "Object not found", "Setting '{}' has no version {}");
    public static final LunaError BAD_DUMP = new LunaError(21008, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Dump refused, nothing imported: {}");
    public static final LunaError UI_UNAUTHORIZED = new LunaError(21009, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "The settings page needs an admin account's login and password");
    public static final LunaError UI_FORBIDDEN = new LunaError(21010, HttpStatus.FORBIDDEN,
            "Forbidden", "Account '{}' is not an admin");
    public static final LunaError VALUE_TOO_LARGE = new LunaError(21011, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Value of setting '{}' is {} bytes; at most {}");

    @Override
    public List<LunaError> errors() {
        return List.of(SETTING_NOT_FOUND, LIMITATION_NOT_FOUND, UNKNOWN_SETTING, INVALID_VALUE, BAD_TAG,
                DUPLICATE_SETTING, VERSION_NOT_FOUND, BAD_DUMP, UI_UNAUTHORIZED, UI_FORBIDDEN, VALUE_TOO_LARGE);
    }
}
