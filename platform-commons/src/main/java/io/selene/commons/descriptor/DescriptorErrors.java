package io.selene.commons.descriptor;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors about descriptors, shared by every service that accepts them. Selene codes 12050..12057. */
public final class DescriptorErrors implements ErrorCatalogue {

    public static final LunaError UNKNOWN_VERSION = new LunaError(12050, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Unknown descriptor version {}; supported: {}");
    public static final LunaError BAD_LENGTH = new LunaError(12051, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Descriptor of version {} must be {} bytes, got {}");
    public static final LunaError BAD_SDK_DESCRIPTOR = new LunaError(12052, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad SDK descriptor: {}");
    public static final LunaError BAD_BASE64 = new LunaError(12053, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Descriptor is not valid base64: {}");
    public static final LunaError VERSION_MISMATCH = new LunaError(12054, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Descriptor versions do not match: {} and {}");
    public static final LunaError NO_FAR_TABLE = new LunaError(12057, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "'{}' cannot be used with descriptor version {}: it has no FAR table");
    public static final LunaError NO_DIRECTION = new LunaError(12055, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Descriptor of version {} has norm {} (at least {} needed): it has no direction");
    public static final LunaError BAD_FAR = new LunaError(12056, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "'{}' must be one of the FAR presets {}, got {}");

    @Override
    public List<LunaError> errors() {
        return List.of(UNKNOWN_VERSION, BAD_LENGTH, BAD_SDK_DESCRIPTOR, BAD_BASE64, VERSION_MISMATCH, NO_DIRECTION, BAD_FAR,
                NO_FAR_TABLE);
    }
}
