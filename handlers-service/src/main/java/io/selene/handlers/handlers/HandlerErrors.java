package io.selene.handlers.handlers;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Errors of handler objects (handlers-service range 14200..14219). */
@Component
public class HandlerErrors implements ErrorCatalogue {

    public static final LunaError HANDLER_NOT_FOUND = new LunaError(14200, HttpStatus.NOT_FOUND,
            "Object not found", "Handler with id '{}' not found");
    public static final LunaError POLICIES_NOT_ALLOWED = new LunaError(14201, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Policies cannot be given with the events request of static handler '{}'");
    public static final LunaError LIST_NOT_IN_ACCOUNT = new LunaError(14203, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad field '{}': list {} is not a list of this account");

    @Override
    public List<LunaError> errors() {
        return List.of(HANDLER_NOT_FOUND, POLICIES_NOT_ALLOWED, LIST_NOT_IN_ACCOUNT);
    }
}
