package io.selene.commons;

/** Header names shared by every service. */
public final class PlatformHeaders {

    public static final String REQUEST_ID = "Luna-Request-Id";

    /** Set by the API gateway only; stripped from outside requests. */
    public static final String ACCOUNT_ID = "X-Selene-Account-Id";

    private PlatformHeaders() {
    }
}
