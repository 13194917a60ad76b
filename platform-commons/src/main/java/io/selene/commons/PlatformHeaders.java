package io.selene.commons;

/** Header names shared by every service. */
public final class PlatformHeaders {

    public static final String REQUEST_ID = "Luna-Request-Id";

    /**
     * The account the caller acts as, set by the API gateway after authentication (stripped from
     * outside requests) and forwarded on internal calls.
     */
    public static final String ACCOUNT_ID = "X-Selene-Account-Id";

    /** {@code account} (only the caller's data) or {@code all} (advanced users, tokens with visibility all). */
    public static final String VISIBILITY = "X-Selene-Visibility";

    /**
     * The kinds of objects ({@code face,event,...}) whose details the caller may view, set by the API gateway from
     * the token's {@code view} permissions (stripped from outside requests). Absent on platform-internal calls,
     * which may view everything. Services that answer details of objects other than the route's own (matching
     * candidates) hold them to it.
     */
    public static final String VIEWABLE = "X-Selene-Viewable";

    /** Shared secret that internal services require from every caller except on the open service routes. */
    public static final String INTERNAL_SECRET = "X-Selene-Internal-Secret";

    private PlatformHeaders() {
    }
}
