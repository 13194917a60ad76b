package io.selene.handlers.policies;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import io.selene.handlers.vision.VisionErrors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Policy refusals besides the schema ones (102 naming the path): an option Selene does not offer.
 * Estimations without a model reuse {@link VisionErrors#ESTIMATION_NOT_AVAILABLE} (14013), as /detector does.
 */
@Component
public class PolicyErrors implements ErrorCatalogue {

    public static final LunaError NOT_SUPPORTED = new LunaError(14202, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "'{}' is not supported by Selene: {}");

    @Override
    public List<LunaError> errors() {
        return List.of(NOT_SUPPORTED);
    }
}
