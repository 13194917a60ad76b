package io.selene.commons.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Internal services trust only the gateway and each other: every request except the open service
 * routes ({@code /version}, {@code /healthcheck}, {@code /docs/...}) must carry the shared secret
 * in {@link PlatformHeaders#INTERNAL_SECRET}. Without it the account headers could be forged by
 * anyone who can reach the port.
 */
public class InternalCallFilter extends OncePerRequestFilter {

    private static final List<String> OPEN_PREFIXES = List.of("/version", "/healthcheck", "/docs/", "/error");

    private final byte[] secret;
    private final ErrorResponses errors;

    public InternalCallFilter(String secret, ErrorResponses errors) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "/docs/spec".equals(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(PlatformHeaders.INTERNAL_SECRET);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            errors.write(PlatformErrors.NOT_INTERNAL.exception(), request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
