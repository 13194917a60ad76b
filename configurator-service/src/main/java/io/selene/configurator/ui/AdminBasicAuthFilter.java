package io.selene.configurator.ui;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import io.selene.configurator.ConfiguratorErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;

/**
 * Lets an admin's browser use the settings page and the API it calls: Basic credentials are checked
 * by accounts-service ({@code POST /1/auth}) and must belong to an admin account; such a request then
 * counts as internal. The page calls the API under {@code /ui/api/...} (forwarded to {@code /1/...}),
 * inside the page's own protection space, so the browser sends the credentials it was given for the
 * page and every refusal there carries a Basic challenge. {@code /1/...} with Basic credentials works
 * too; calls that carry the shared secret pass untouched; anything else is left to the internal-call
 * filter, which refuses it.
 */
public class AdminBasicAuthFilter extends OncePerRequestFilter {

    /** Request attribute: the admin login a change is recorded under. */
    public static final String ADMIN_LOGIN = "selene.configurator.admin";
    /** Prefix of the API as the page calls it. */
    public static final String PAGE_API = "/ui/api";

    private final RestClient accounts;
    private final String secret;
    private final ErrorResponses errors;

    public AdminBasicAuthFilter(InternalClients clients, String secret, ErrorResponses errors) {
        this.accounts = clients.restClient("accounts-service");
        this.secret = secret;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (request.getHeader(PlatformHeaders.INTERNAL_SECRET) != null) {
            return true;
        }
        String path = request.getRequestURI();
        boolean page = path.equals("/ui") || path.startsWith("/ui/");
        return !page && !(path.startsWith("/1/") && request.getHeader("Authorization") != null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Selene settings\", charset=\"UTF-8\"");
            errors.write(ConfiguratorErrors.UI_UNAUTHORIZED.exception(), request, response);
            return;
        }
        JsonNode principal;
        try {
            principal = accounts.post().uri("/1/auth").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("authorization", authorization)).retrieve().body(JsonNode.class);
        } catch (LunaException e) {
            if (e.status().value() == 401) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Selene settings\", charset=\"UTF-8\"");
            }
            errors.write(e, request, response);
            return;
        }
        String login = principal.path("login").asString("");
        if (!"admin".equals(principal.path("account_type").asString(""))) {
            errors.write(ConfiguratorErrors.UI_FORBIDDEN.exception(login), request, response);
            return;
        }
        request.setAttribute(ADMIN_LOGIN, login);
        String path = request.getRequestURI();
        if (path.startsWith(PAGE_API + "/")) {
            // The query parameters travel with the forwarded request as they are (adding them again would repeat them).
            request.getRequestDispatcher(path.substring(PAGE_API.length())).forward(new AsInternal(request, secret),
                    response);
            return;
        }
        chain.doFilter(new AsInternal(request, secret), response);
    }

    /** The request as if it came from another service: with the shared secret. */
    private static final class AsInternal extends HttpServletRequestWrapper {

        private final String secret;

        AsInternal(HttpServletRequest request, String secret) {
            super(request);
            this.secret = secret;
        }

        @Override
        public String getHeader(String name) {
            return PlatformHeaders.INTERNAL_SECRET.equalsIgnoreCase(name) ? secret : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return PlatformHeaders.INTERNAL_SECRET.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(secret)) : super.getHeaders(name);
        }
    }
}
