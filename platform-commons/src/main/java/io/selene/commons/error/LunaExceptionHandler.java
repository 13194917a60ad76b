package io.selene.commons.error;

import java.net.http.HttpTimeoutException;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** Turns every exception that reaches MVC into a LUNA error body with the right status. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class LunaExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LunaExceptionHandler.class);

    private final ErrorResponses responses;

    public LunaExceptionHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(LunaException.class)
    ResponseEntity<ErrorBody> luna(LunaException e, HttpServletRequest request) {
        if (e.status().is5xxServerError()) {
            log.error("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        } else {
            log.info("{} {} refused: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
        return responses.entity(e, request);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorBody> noRoute(Exception e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.INVALID_ROUTE.exception(request.getMethod(), request.getRequestURI()),
                request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.METHOD_NOT_ALLOWED.exception(e.getMethod(), request.getRequestURI()),
                request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof LunaException luna) {
            return luna(luna, request);
        }
        if (cause instanceof JacksonException jackson) {
            return responses.entity(PlatformErrors.badField(jackson), request);
        }
        String detail = cause == e || cause.getMessage() == null ? "Failed to parse request body"
                : "Failed to parse request body: " + firstLine(cause.getMessage());
        return responses.entity(PlatformErrors.BAD_BODY.exception(detail), request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> "'" + error.getField() + "' " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return responses.entity(PlatformErrors.BAD_BODY.exception(detail), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missingQuery(MissingServletRequestParameterException e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.REQUIRED_QUERY_MISSING.exception(e.getParameterName()), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ErrorBody> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.BAD_QUERY.exception("Required header '" + e.getHeaderName()
                + "' not found"), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> badQueryValue(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.BAD_QUERY.exception("Bad value '" + e.getValue()
                + "' of parameter '" + e.getName() + "'"), request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorBody> invalidParameter(HandlerMethodValidationException e, HttpServletRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .map(result -> "'" + result.getMethodParameter().getParameterName() + "' "
                        + result.getResolvableErrors().getFirst().getDefaultMessage())
                .collect(Collectors.joining("; "));
        return responses.entity(PlatformErrors.BAD_QUERY.exception(detail), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.UNSUPPORTED_MEDIA_TYPE.exception(e.getContentType(),
                e.getSupportedMediaTypes()), request);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.NOT_ACCEPTABLE.exception(request.getHeader("Accept")), request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return responses.entity(PlatformErrors.BODY_TOO_LARGE.exception(e.getMaxUploadSize() + " bytes"), request);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ErrorBody> badMultipart(MultipartException e, HttpServletRequest request) {
        log.info("{} {} refused: malformed multipart body: {}", request.getMethod(), request.getRequestURI(),
                e.getMostSpecificCause().getMessage());
        return responses.entity(PlatformErrors.BAD_MULTIPART.exception("cannot read its parts (boundary, headers, "
                + "closing boundary)"), request);
    }

    @ExceptionHandler(ResourceAccessException.class)
    ResponseEntity<ErrorBody> downstream(ResourceAccessException e, HttpServletRequest request) {
        log.error("{} {}: downstream call failed", request.getMethod(), request.getRequestURI(), e);
        String target = e.getMessage() == null ? "service" : firstLine(e.getMessage());
        LunaError error = e.getCause() instanceof HttpTimeoutException
                ? PlatformErrors.DOWNSTREAM_TIMEOUT : PlatformErrors.DOWNSTREAM_UNREACHABLE;
        return responses.entity(error.exception(target), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e, HttpServletRequest request) {
        log.error("{} {} failed unexpectedly", request.getMethod(), request.getRequestURI(), e);
        return responses.entity(PlatformErrors.INTERNAL.exception(), request);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
