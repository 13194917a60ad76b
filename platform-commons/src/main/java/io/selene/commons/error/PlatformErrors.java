package io.selene.commons.error;

import java.util.List;

import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Errors every service can answer with. Codes follow LUNA PLATFORM 5 where its public
 * documentation gives them (1, 9, 11, 101, 102, 106, 12014, 12024); Selene-specific codes
 * (12025, 12040..12049) are documented in docs/errors.md.
 */
public final class PlatformErrors implements ErrorCatalogue {

    public static final LunaError INTERNAL = new LunaError(1, HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal server error", "Internal server error");
    public static final LunaError DOWNSTREAM_TIMEOUT = new LunaError(9, HttpStatus.GATEWAY_TIMEOUT,
            "Internal server error", "Request to {} timed out");
    public static final LunaError DOWNSTREAM_UNREACHABLE = new LunaError(11, HttpStatus.BAD_GATEWAY,
            "Internal server error", "Connection error to {}");
    public static final LunaError DOWNSTREAM_BAD_ANSWER = new LunaError(12, HttpStatus.BAD_GATEWAY,
            "Internal server error", "Unexpected answer from {}: HTTP {}");
    public static final LunaError BAD_QUERY = new LunaError(101, HttpStatus.BAD_REQUEST,
            "Bad/incomplete query", "{}");
    public static final LunaError BAD_BODY = new LunaError(102, HttpStatus.BAD_REQUEST,
            "Bad/incomplete body", "{}");
    public static final LunaError INVALID_ROUTE = new LunaError(106, HttpStatus.NOT_FOUND,
            "Invalid HTTP request", "Page not found: {} {}");
    public static final LunaError METHOD_NOT_ALLOWED = new LunaError(106, HttpStatus.METHOD_NOT_ALLOWED,
            "Invalid HTTP request", "Method {} is not allowed on {}");
    public static final LunaError REQUIRED_QUERY_MISSING = new LunaError(12014, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Required parameters '{}' not found");
    public static final LunaError UNSUPPORTED_MEDIA_TYPE = new LunaError(12024, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Bad/incomplete input data", "Unsupported media type '{}'; supported: {}");
    public static final LunaError NOT_ACCEPTABLE = new LunaError(12025, HttpStatus.NOT_ACCEPTABLE,
            "Bad/incomplete input data", "Cannot answer with '{}'");
    public static final LunaError BODY_TOO_LARGE = new LunaError(12040, HttpStatus.CONTENT_TOO_LARGE,
            "Bad/incomplete input data", "Request body is larger than {}");

    public static final LunaError ACCOUNT_REQUIRED = new LunaError(12041, HttpStatus.UNAUTHORIZED,
            "Unauthorized", "This route needs an account: {}");
    public static final LunaError OTHER_ACCOUNT_FORBIDDEN = new LunaError(12042, HttpStatus.FORBIDDEN,
            "Forbidden", "Access to data of account {} is not allowed for this caller");
    public static final LunaError NOT_INTERNAL = new LunaError(12043, HttpStatus.UNAUTHORIZED, "Unauthorized",
            "Internal route: call it through the API service");
    public static final LunaError NUL_IN_INPUT = new LunaError(12044, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "NUL character (\\u0000) in {}: text cannot hold it");
    public static final LunaError BAD_PERCENT_ENCODING = new LunaError(12045, HttpStatus.BAD_REQUEST,
            "Bad/incomplete query", "Bad percent-encoding in query parameter '{}': {}");
    public static final LunaError BAD_MULTIPART = new LunaError(12046, HttpStatus.BAD_REQUEST,
            "Bad/incomplete body", "Malformed multipart body: {}");
    public static final LunaError BAD_HTTP_REQUEST = new LunaError(12047, HttpStatus.BAD_REQUEST,
            "Invalid HTTP request", "The server refused the HTTP request: {}");
    public static final LunaError BAD_IDEMPOTENCY_KEY = new LunaError(12048, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Idempotency-Key must be 1..255 printable ASCII characters");
    public static final LunaError BAD_HEADER = new LunaError(12049, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Bad header '{}': {}");

    /** The one wording of a refused body field: {@code Bad field '<path>': <reason>} (400, 102). */
    public static LunaException badField(String path, String reason) {
        return BAD_BODY.exception("Bad field '" + path + "': " + reason);
    }

    /**
     * Another service's refusal of a value the body carried on to it (a task's filters, checked by their owner),
     * worded as {@link #badField(String, String)} at the body's path; its status and code are kept.
     */
    public static LunaException badField(String path, LunaException refusal) {
        return new LunaException(refusal.status(), refusal.errorCode(), refusal.desc(),
                "Bad field '" + path + "': " + refusal.detail());
    }

    /** A body Jackson could not bind, worded as {@link #badField(String, String)} with the field's path. */
    public static LunaException badField(JacksonException e) {
        return badField(e, "");
    }

    /** As {@link #badField(JacksonException)} for a part of the body found at {@code at} ({@code events[2]}). */
    public static LunaException badField(JacksonException e, String at) {
        String reason;
        if (e instanceof UnrecognizedPropertyException) {
            reason = "unknown field";
        } else {
            String message = String.valueOf(e.getOriginalMessage());
            int newline = message.indexOf('\n');
            reason = newline < 0 ? message : message.substring(0, newline);
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String field = path.isEmpty() ? (at.isEmpty() ? "body" : at)
                : at.isEmpty() ? path.toString() : at + (path.charAt(0) == '[' ? "" : ".") + path;
        return badField(field, reason);
    }

    @Override
    public List<LunaError> errors() {
        return List.of(INTERNAL, DOWNSTREAM_TIMEOUT, DOWNSTREAM_UNREACHABLE, DOWNSTREAM_BAD_ANSWER, BAD_QUERY,
                BAD_BODY, INVALID_ROUTE, METHOD_NOT_ALLOWED, REQUIRED_QUERY_MISSING, UNSUPPORTED_MEDIA_TYPE,
                NOT_ACCEPTABLE, BODY_TOO_LARGE, ACCOUNT_REQUIRED, OTHER_ACCOUNT_FORBIDDEN, NOT_INTERNAL, NUL_IN_INPUT,
                BAD_PERCENT_ENCODING, BAD_MULTIPART, BAD_HTTP_REQUEST, BAD_IDEMPOTENCY_KEY, BAD_HEADER);
    }
}
