package io.selene.commons.license;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/**
 * Licence errors (33001..33020), answered by licenses-service and by every service that checks a
 * feature or the faces limit. 33006 is LUNA's number and text (a bad {@code targets} value); the
 * rest are Selene's, with LUNA's wording where its docs give one ("License limit exceeded…").
 */
public final class LicenseErrors implements ErrorCatalogue {

    public static final LunaError EXPIRED = new LunaError(33001, HttpStatus.BAD_REQUEST, "License problem",
            "License '{}' expired on {}: it cannot be installed");
    public static final LunaError FACES_LIMIT_EXCEEDED = new LunaError(33002, HttpStatus.FORBIDDEN,
            "License limit exceeded",
            "License limit exceeded: {} faces with attributes exist and the license allows {} (110 % of {}). "
                    + "Upgrade the license or delete redundant faces");
    public static final LunaError FEATURE_NOT_LICENSED = new LunaError(33003, HttpStatus.FORBIDDEN,
            "License problem", "Feature '{}' is not licensed ({})");
    public static final LunaError BAD_SIGNATURE = new LunaError(33004, HttpStatus.BAD_REQUEST, "License problem",
            "License signature is invalid: the license was changed after signing, or signed with another key");
    public static final LunaError MALFORMED = new LunaError(33005, HttpStatus.BAD_REQUEST, "License problem",
            "Malformed license: {}");
    public static final LunaError BAD_TARGET = new LunaError(33006, HttpStatus.BAD_REQUEST, "Bad/incomplete input data",
            "Bad input data. '{}' is not valid target to get license features. Valid target should be one of {}.");
    public static final LunaError ADMIN_ONLY = new LunaError(33007, HttpStatus.FORBIDDEN, "Forbidden",
            "Only an admin account (with its login and password) can install or remove the license");
    public static final LunaError NO_PUBLIC_KEY = new LunaError(33008, HttpStatus.CONFLICT, "License problem",
            "No license public key is configured (SELENE_LICENSE_PUBLIC_KEY): no license can be verified");
    public static final LunaError NOT_INSTALLED = new LunaError(33009, HttpStatus.NOT_FOUND, "Object not found",
            "No license is installed: the community terms apply");

    @Override
    public List<LunaError> errors() {
        return List.of(EXPIRED, FACES_LIMIT_EXCEEDED, FEATURE_NOT_LICENSED, BAD_SIGNATURE, MALFORMED, BAD_TARGET,
                ADMIN_ONLY, NO_PUBLIC_KEY, NOT_INSTALLED);
    }
}
