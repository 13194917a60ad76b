package io.selene.admin.caller;

import java.io.IOException;
import java.util.UUID;

import io.selene.admin.AdminErrors;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API ({@code /1/...}, reached through the gateway's {@code /6/admin/...} routes) answers admin
 * accounts only: after the internal-call filter has checked the shared secret, the account the gateway
 * resolved must be an admin now (403 35001 otherwise).
 */
public class AdminApiFilter extends OncePerRequestFilter {

    private final Admins admins;
    private final ErrorResponses errors;

    public AdminApiFilter(Admins admins, ErrorResponses errors) {
        this.admins = admins;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The request meters are read by the admin itself, with the shared secret (checked by their controller).
        return !request.getRequestURI().startsWith("/1/") || "/1/metrics/requests".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            String header = request.getHeader(PlatformHeaders.ACCOUNT_ID);
            if (header == null || header.isBlank()) {
                throw AdminErrors.LOGIN_REQUIRED.exception();
            }
            UUID account;
            try {
                account = UUID.fromString(header.trim());
            } catch (IllegalArgumentException e) {
                throw AdminErrors.LOGIN_REQUIRED.exception();
            }
            request.setAttribute(Admins.ATTRIBUTE, admins.require(account));
        } catch (LunaException e) {
            errors.write(e, request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
