package io.selene.backport;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/**
 * Errors of backport-service (35001..35020, Selene's numbers: LUNA's Backport 3/4 codes are not public).
 * Errors of the {@code /6} services a legacy request reaches are answered unchanged.
 */
public final class BackportErrors implements ErrorCatalogue {

    public static final LunaError BAD_LEGACY_QUERY = new LunaError(35001, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad query parameter '{}': {}");
    public static final LunaError BAD_LEGACY_BODY = new LunaError(35002, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad body field '{}': {}");
    public static final LunaError NO_FACES = new LunaError(35003, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "No faces found on the image");
    public static final LunaError PERSON_NOT_FOUND = new LunaError(35004, HttpStatus.NOT_FOUND,
            "Object not found", "Person with id '{}' not found");
    public static final LunaError DESCRIPTOR_NOT_FOUND = new LunaError(35005, HttpStatus.NOT_FOUND,
            "Object not found", "Descriptor with id '{}' not found");
    public static final LunaError ALREADY_LINKED = new LunaError(35006, HttpStatus.CONFLICT,
            "Conflict", "Descriptor '{}' is already linked to person '{}'");
    public static final LunaError WRONG_LIST_TYPE = new LunaError(35007, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "List '{}' holds {}, not {}");

    @Override
    public List<LunaError> errors() {
        return List.of(BAD_LEGACY_QUERY, BAD_LEGACY_BODY, NO_FACES, PERSON_NOT_FOUND, DESCRIPTOR_NOT_FOUND,
                ALREADY_LINKED, WRONG_LIST_TYPE);
    }
}
