package io.selene.faces;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/**
 * Errors of faces-service. 22002, 22004, 22005, 22011 and 22016 are LUNA's codes; 22003 (list not
 * found) is inferred from LUNA's numbering; 22060.. are Selene's own.
 */
public final class FacesErrors implements ErrorCatalogue {

    public static final LunaError FACE_NOT_FOUND = new LunaError(22002, HttpStatus.NOT_FOUND,
            "Object not found", "Face with id '{}' not found");
    public static final LunaError LIST_NOT_FOUND = new LunaError(22003, HttpStatus.NOT_FOUND,
            "Object not found", "List with id '{}' not found");
    public static final LunaError FACES_NOT_FOUND = new LunaError(22004, HttpStatus.BAD_REQUEST,
            "Object not found", "One or more faces not found, including face with id '{}'");
    public static final LunaError LISTS_NOT_FOUND = new LunaError(22005, HttpStatus.BAD_REQUEST,
            "Object not found", "One or more lists not found, including list with id '{}'");
    public static final LunaError ATTRIBUTE_NOT_FOUND = new LunaError(22011, HttpStatus.NOT_FOUND,
            "Object not found", "Attributes with id '{}' not found");
    public static final LunaError BAD_TARGET = new LunaError(22016, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Invalid target '{}' to get faces; allowed: {}");
    public static final LunaError FACE_EXISTS = new LunaError(22060, HttpStatus.CONFLICT,
            "Unique constraint error", "Face with id '{}' already exists");
    public static final LunaError LIST_EXISTS = new LunaError(22061, HttpStatus.CONFLICT,
            "Unique constraint error", "List with id '{}' already exists");
    public static final LunaError IDEMPOTENCY_CONFLICT = new LunaError(22062, HttpStatus.CONFLICT,
            "Idempotency key reused",
            "Idempotency-Key '{}' was already used with a different request body");
    public static final LunaError BAD_IDEMPOTENCY_KEY = new LunaError(22063, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Idempotency-Key must be 1..255 printable ASCII characters");

    @Override
    public List<LunaError> errors() {
        return List.of(FACE_NOT_FOUND, LIST_NOT_FOUND, FACES_NOT_FOUND, LISTS_NOT_FOUND, ATTRIBUTE_NOT_FOUND,
                BAD_TARGET, FACE_EXISTS, LIST_EXISTS, IDEMPOTENCY_CONFLICT, BAD_IDEMPOTENCY_KEY);
    }
}
