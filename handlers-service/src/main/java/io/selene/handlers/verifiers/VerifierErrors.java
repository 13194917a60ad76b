package io.selene.handlers.verifiers;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors of verifiers (handlers-service range 14240..14259; LUNA's own numbers are not public). */
public final class VerifierErrors implements ErrorCatalogue {

    public static final LunaError VERIFIER_NOT_FOUND = new LunaError(14240, HttpStatus.NOT_FOUND,
            "Object not found", "Verifier with id '{}' not found");
    public static final LunaError NO_CANDIDATES = new LunaError(14241, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data",
            "Nothing to verify against: give face_ids, attribute_ids, event_ids or external_ids");
    public static final LunaError TOO_MANY_CANDIDATES = new LunaError(14242, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{}");
    public static final LunaError EVENT_NOT_FOUND = new LunaError(14243, HttpStatus.NOT_FOUND,
            "Object not found", "Event with id '{}' not found or it has no face descriptor");
    public static final LunaError EXTERNAL_ID_NOT_FOUND = new LunaError(14244, HttpStatus.NOT_FOUND,
            "Object not found", "No face with external_id '{}'");
    public static final LunaError NO_DESCRIPTOR = new LunaError(14245, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{} '{}' has no face descriptor of version {}");
    public static final LunaError NO_FACE = new LunaError(14246, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "No face (within the verifier's pose thresholds) found in image '{}'");

    @Override
    public List<LunaError> errors() {
        return List.of(VERIFIER_NOT_FOUND, NO_CANDIDATES, TOO_MANY_CANDIDATES, EVENT_NOT_FOUND, EXTERNAL_ID_NOT_FOUND,
                NO_DESCRIPTOR, NO_FACE);
    }
}
