package io.selene.commons.error;

import org.springframework.http.HttpStatus;

/**
 * Thrown anywhere in a service to answer with a LUNA error body. Also raised by internal
 * clients when a downstream service answered with one, so the caller sees the same error.
 */
public class LunaException extends RuntimeException {

    private final HttpStatus status;
    private final int errorCode;
    private final String desc;
    private final String detail;

    public LunaException(LunaError error, String detail) {
        this(error.status(), error.code(), error.desc(), detail);
    }

    public LunaException(HttpStatus status, int errorCode, String desc, String detail) {
        super(errorCode + " " + desc + ": " + detail);
        this.status = status;
        this.errorCode = errorCode;
        this.desc = desc;
        this.detail = detail;
    }

    public HttpStatus status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    public String desc() {
        return desc;
    }

    public String detail() {
        return detail;
    }
}
