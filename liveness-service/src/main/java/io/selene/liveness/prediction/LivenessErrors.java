package io.selene.liveness.prediction;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors of liveness-service (34001..34020, Selene's numbers). Per-image errors are answered inside a 200. */
public final class LivenessErrors implements ErrorCatalogue {

    public static final LunaError NO_IMAGES = new LunaError(34001, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "No images in the request");
    public static final LunaError TOO_MANY_IMAGES = new LunaError(34002, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{} images in one request; at most {}");
    public static final LunaError BAD_IMAGE_ENTRY = new LunaError(34003, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Image {}: {}");
    public static final LunaError BAD_IMAGE = new LunaError(34004, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Failed to read image: {}");
    public static final LunaError NO_FACE = new LunaError(34005, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "No face found on the image: liveness needs one");
    public static final LunaError BAD_META = new LunaError(34006, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad 'meta': {}");
    public static final LunaError BUSY = new LunaError(34007, HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable", "{}");
    public static final LunaError MODEL_MISSING = new LunaError(34008, HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable", "{}");

    @Override
    public List<LunaError> errors() {
        return List.of(NO_IMAGES, TOO_MANY_IMAGES, BAD_IMAGE_ENTRY, BAD_IMAGE, NO_FACE, BAD_META, BUSY, MODEL_MISSING);
    }
}
