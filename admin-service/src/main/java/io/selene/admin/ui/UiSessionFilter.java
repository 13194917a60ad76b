package io.selene.admin.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.selene.admin.AdminErrors;
import io.selene.admin.caller.Admins;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.error.LunaException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the pages ({@code /}, {@code /login}, {@code /accounts...}, {@code /system}, {@code /tasks...}): a page needs a
 * session whose admin accounts-service still knows as an admin, else the browser goes to the login page;
 * every POST must carry the session's CSRF token (the cookie is also SameSite=Strict). A request let
 * through counts as internal (the shared secret, the admin's account, visibility all) for the filters
 * and clients after this one.
 */
public class UiSessionFilter extends OncePerRequestFilter {

    /** The pages' paths (exactly, or as a prefix when ending in '/'); everything else is the service's own. */
    private static final List<String> PAGES = List.of("/", "/login", "/logout", "/accounts", "/accounts/", "/system",
            "/tasks", "/tasks/", "/static/");
    /** Pages that need no login. */
    private static final List<String> PUBLIC = List.of("/login", "/static/admin.css");

    private final Admins admins;
    private final String secret;

    public UiSessionFilter(Admins admins, String secret) {
        this.admins = admins;
        this.secret = secret;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return PAGES.stream().noneMatch(page -> page.endsWith("/") && page.length() > 1 ? path.startsWith(page)
                : path.equals(page));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        HttpSession session = request.getSession(false);
        if ("POST".equals(request.getMethod()) && !csrfHolds(request, session)) {
            // a stale form (the session expired) or another site's: back to a fresh page, nothing done
            if (session == null || session.getAttribute(Pages.ADMIN_ID) == null) {
                redirectToLogin(request, response, "Your session has expired: log in again.");
                return;
            }
            Pages.flash(request, AdminErrors.BAD_CSRF_TOKEN.exception().detail(), true);
            response.sendRedirect(Pages.base(request) + "/accounts");
            return;
        }
        if (PUBLIC.contains(path)) {
            chain.doFilter(new AsInternal(request, secret, null), response);
            return;
        }
        Object id = session == null ? null : session.getAttribute(Pages.ADMIN_ID);
        if (!(id instanceof UUID accountId)) {
            redirectToLogin(request, response, null);
            return;
        }
        try {
            request.setAttribute(Admins.ATTRIBUTE, admins.require(accountId));
        } catch (LunaException e) {
            if (e.status().value() == 401 || e.status().value() == 403) {
                session.invalidate();
                redirectToLogin(request, response, "You are no longer logged in as an admin: " + e.detail());
                return;
            }
            throw e;
        }
        chain.doFilter(new AsInternal(request, secret, accountId), response);
    }

    private static boolean csrfHolds(HttpServletRequest request, HttpSession session) {
        if (session == null || !(session.getAttribute(Pages.CSRF) instanceof String expected)) {
            return false;
        }
        String given = request.getParameter("_csrf");
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirectToLogin(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        if (message != null) {
            Pages.flash(request, message, true);
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", Pages.base(request) + "/login");
    }

    /** The request as if another service sent it: the shared secret, and the admin's account for every account. */
    private static final class AsInternal extends HttpServletRequestWrapper {

        private final Map<String, String> headers = new HashMap<>();

        AsInternal(HttpServletRequest request, String secret, UUID admin) {
            super(request);
            headers.put(PlatformHeaders.INTERNAL_SECRET.toLowerCase(Locale.ROOT), secret);
            // without a login no account at all, whatever the browser sent
            headers.put(PlatformHeaders.ACCOUNT_ID.toLowerCase(Locale.ROOT), admin == null ? null : admin.toString());
            headers.put(PlatformHeaders.VISIBILITY.toLowerCase(Locale.ROOT), admin == null ? null : "all");
        }

        @Override
        public String getHeader(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            return headers.containsKey(key) ? headers.get(key) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            if (!headers.containsKey(key)) {
                return super.getHeaders(name);
            }
            String value = headers.get(key);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }
    }
}
