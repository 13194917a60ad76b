package io.selene.handlers.vision;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import io.selene.commons.error.LunaException;
import io.selene.vision.FaceEngine;
import io.selene.vision.image.ImageRejectedException;
import org.springframework.http.HttpStatus;

/** Errors of the vision endpoints (handlers/vision range 14000..14199). */
public final class VisionErrors implements ErrorCatalogue {

    public static final LunaError IMAGE_EMPTY = new LunaError(14000, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Image is empty{}");
    public static final LunaError IMAGE_UNSUPPORTED = new LunaError(14001, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Failed to read image: {}");
    public static final LunaError IMAGE_CORRUPT = new LunaError(14002, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Failed to decode image: {}");
    public static final LunaError IMAGE_TOO_MANY_PIXELS = new LunaError(14003, HttpStatus.CONTENT_TOO_LARGE,
            "Bad/incomplete input data", "{}");
    public static final LunaError IMAGE_TOO_SMALL = new LunaError(14004, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{}");
    public static final LunaError IMAGE_TOO_LARGE = new LunaError(14005, HttpStatus.CONTENT_TOO_LARGE,
            "Bad/incomplete input data", "{}");
    public static final LunaError NO_IMAGES = new LunaError(14006, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "No images in the request");
    public static final LunaError TOO_MANY_IMAGES = new LunaError(14007, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{} images in one request; at most {}");
    public static final LunaError BAD_IMAGE_ENTRY = new LunaError(14008, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Image {}: {}");
    public static final LunaError NOT_SELECTED_ATTRIBUTES = new LunaError(14010, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data",
            "Neither descriptor nor basic attributes were selected for extraction (NotSelectedAttributesForExtract)");
    public static final LunaError SAMPLE_NOT_FOUND = new LunaError(14011, HttpStatus.NOT_FOUND,
            "Object not found", "Sample with id '{}' not found");
    public static final LunaError NOT_A_SAMPLE = new LunaError(14012, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Sample '{}' is not a face sample: {}");
    public static final LunaError ESTIMATION_NOT_AVAILABLE = new LunaError(14013, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "'{}' is not available: {}");
    public static final LunaError LOW_DESCRIPTOR_SCORE = new LunaError(14014, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Descriptor score {} of sample '{}' is below score_threshold {}");
    public static final LunaError NOT_A_WARP = new LunaError(14015, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Image of {}x{} pixels given with image_type=1: a face warp is {}x{}");
    public static final LunaError IMAGE_TYPE_NOT_SUPPORTED = new LunaError(14016, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "image_type={} is not supported here: {}");
    public static final LunaError NO_FACE = new LunaError(14017, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "No face found in the image{}");
    public static final LunaError SEVERAL_FACES = new LunaError(14018, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data",
            "{} faces found in the image: ISO checks are made on an image of one face (multiface_policy=1 checks each)");
    public static final LunaError ENGINE_BUSY = new LunaError(14020, HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable", "{}");

    /** An estimation Selene has no model for, asked for by {@code flag} (its name or path). */
    public static LunaException notAvailable(String flag) {
        return ESTIMATION_NOT_AVAILABLE.exception(flag, "Selene has no model for it");
    }

    /** An estimation the engine has switched off (its model missing). */
    public static LunaException of(FaceEngine.Unavailable e) {
        return ESTIMATION_NOT_AVAILABLE.exception(e.estimation().flag(), e.reason());
    }

    /** The LUNA error for an image the engine refused. */
    public static LunaException of(ImageRejectedException e) {
        return switch (e.reason()) {
            case EMPTY -> IMAGE_EMPTY.exception("");
            case TOO_MANY_BYTES -> IMAGE_TOO_LARGE.exception(e.getMessage());
            case UNSUPPORTED_FORMAT -> IMAGE_UNSUPPORTED.exception(e.getMessage());
            case TOO_MANY_PIXELS -> IMAGE_TOO_MANY_PIXELS.exception(e.getMessage());
            case TOO_SMALL -> IMAGE_TOO_SMALL.exception(e.getMessage());
            case CORRUPT -> IMAGE_CORRUPT.exception(e.getMessage());
        };
    }

    @Override
    public List<LunaError> errors() {
        return List.of(IMAGE_EMPTY, IMAGE_UNSUPPORTED, IMAGE_CORRUPT, IMAGE_TOO_MANY_PIXELS, IMAGE_TOO_SMALL,
                IMAGE_TOO_LARGE, NO_IMAGES, TOO_MANY_IMAGES, BAD_IMAGE_ENTRY, NOT_SELECTED_ATTRIBUTES,
                SAMPLE_NOT_FOUND, NOT_A_SAMPLE, ESTIMATION_NOT_AVAILABLE, LOW_DESCRIPTOR_SCORE, NOT_A_WARP,
                IMAGE_TYPE_NOT_SUPPORTED, NO_FACE, SEVERAL_FACES, ENGINE_BUSY);
    }
}
