package io.selene.imagestore;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Image Store's own errors, codes 13000-13099 (documented in image-store-service/README.md). */
public final class ImageStoreErrors implements ErrorCatalogue {

    public static final LunaError BUCKET_NOT_FOUND = new LunaError(13000, HttpStatus.NOT_FOUND,
            "Object not found", "Bucket '{}' not found");
    public static final LunaError BUCKET_EXISTS = new LunaError(13001, HttpStatus.CONFLICT,
            "Unique constraint error", "Bucket '{}' already exists");
    public static final LunaError BAD_BUCKET_NAME = new LunaError(13002, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad bucket name '{}': {}");
    public static final LunaError IMAGE_NOT_FOUND = new LunaError(13003, HttpStatus.NOT_FOUND,
            "Object not found", "Image with id '{}' not found");
    public static final LunaError OBJECT_NOT_FOUND = new LunaError(13004, HttpStatus.NOT_FOUND,
            "Object not found", "Object with id '{}' not found");
    public static final LunaError BAD_ID = new LunaError(13005, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad id '{}': an id is a UUID or 1..128 characters of A-Z a-z 0-9 _ -");
    public static final LunaError UNSUPPORTED_CONTENT_TYPE = new LunaError(13006, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Bad/incomplete input data", "Content type '{}' is not supported for {}; supported: {}");
    public static final LunaError CONTENT_MISMATCH = new LunaError(13007, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Body is not valid {}: {}");
    public static final LunaError EMPTY_BODY = new LunaError(13008, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Request body is empty");
    public static final LunaError TOO_LARGE = new LunaError(13009, HttpStatus.CONTENT_TOO_LARGE,
            "Bad/incomplete input data", "Body is larger than the Image Store limit of {} bytes");
    public static final LunaError BAD_TTL = new LunaError(13010, HttpStatus.BAD_REQUEST,
            "Bad/incomplete query", "Bad ttl '{}': an integer number of seconds from 1 to {}");
    public static final LunaError TOO_MANY_IDS = new LunaError(13011, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "At most {} ids per bulk delete, got {}");
    public static final LunaError ID_TAKEN = new LunaError(13012, HttpStatus.CONFLICT,
            "Unique constraint error", "Id '{}' is already used in bucket '{}' by another account");
    public static final LunaError BUCKET_NOT_EMPTY = new LunaError(13013, HttpStatus.CONFLICT,
            "Bad/incomplete input data", "Bucket '{}' is not empty: delete its images and objects first");
    public static final LunaError STORAGE_FAILURE = new LunaError(13014, HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal server error", "Storage back-end failed: {}");
    public static final LunaError NO_IDS = new LunaError(13015, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "'{}' must be a list of 1 to {} ids");

    @Override
    public List<LunaError> errors() {
        return List.of(BUCKET_NOT_FOUND, BUCKET_EXISTS, BAD_BUCKET_NAME, IMAGE_NOT_FOUND, OBJECT_NOT_FOUND, BAD_ID,
                UNSUPPORTED_CONTENT_TYPE, CONTENT_MISMATCH, EMPTY_BODY, TOO_LARGE, BAD_TTL, TOO_MANY_IDS, ID_TAKEN,
                BUCKET_NOT_EMPTY, STORAGE_FAILURE, NO_IDS);
    }
}
