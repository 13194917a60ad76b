package io.selene.imagestore;

import io.selene.commons.error.ErrorBody;
import io.selene.commons.error.ErrorResponses;
import io.selene.imagestore.storage.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A failing disk or S3 server answers 500 with code 13014 (the cause is logged, not shown). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(StorageFailureHandler.class);

    private final ErrorResponses responses;

    StorageFailureHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(StorageException.class)
    ResponseEntity<ErrorBody> storageFailed(StorageException e, HttpServletRequest request) {
        log.error("{} {}: storage failed", request.getMethod(), request.getRequestURI(), e);
        return responses.entity(ImageStoreErrors.STORAGE_FAILURE.exception("see the service log"), request);
    }
}
