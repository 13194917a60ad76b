package io.selene.api.gateway;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.selene.api.GatewayErrors;
import io.selene.api.auth.Authenticator;
import io.selene.api.auth.LoginThrottle;
import io.selene.api.auth.Principal;
import io.selene.api.routing.PublicRoute;
import io.selene.api.routing.RouteMatch;
import io.selene.api.routing.RoutingTable;
import io.selene.commons.account.Visibility;
import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.WebUtils;

/**
 * Guards every {@code /6} request (and every legacy {@code /4}, {@code /5} one of the backports) before anything else sees it: finds its route in the routing table
 * (404/405), authenticates the caller (401/429), checks the token's permission for the route
 * (403 ForbiddenByToken), refuses {@code account_id=<other>} from a caller limited to its account
 * (403), then records the resolved account on the {@link GatewayRequest} for the proxy to forward.
 * Visibility {@code all} is forwarded only for reading and matching routes: an advanced user reads
 * other accounts' data but changes only its own.
 */
public class AuthenticationFilter extends OncePerRequestFilter {

    public static final String MATCH_ATTRIBUTE = AuthenticationFilter.class.getName() + ".match";
    public static final String PRINCIPAL_ATTRIBUTE = AuthenticationFilter.class.getName() + ".principal";

    private final RoutingTable table;
    private final Authenticator authenticator;
    private final ErrorResponses errors;

    public AuthenticationFilter(RoutingTable table, Authenticator authenticator, ErrorResponses errors) {
        this.table = table;
        this.authenticator = authenticator;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/6") || path.startsWith("/6/") || path.equals("/4") || path.startsWith("/4/")
                || path.equals("/5") || path.startsWith("/5/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            RouteMatch match = table.match(request.getMethod(), request.getRequestURI());
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, match.route().publicPath());
            Principal principal = authenticate(request);
            PublicRoute route = match.route();
            if (!principal.allows(route.permission())) {
                throw GatewayErrors.FORBIDDEN_BY_TOKEN.exception(route.permission().action(),
                        route.permission().object());
            }
            // After authentication: a caller without credentials learns nothing from the id's shape.
            match.checkIds();
            String action = route.permission().action();
            boolean reading = action.equals("view") || action.equals("matching");
            Visibility visibility = principal.seesAllAccounts() && reading ? Visibility.ALL : Visibility.ACCOUNT;
            if (visibility == Visibility.ACCOUNT) {
                refuseOtherAccount(request.getQueryString(), principal.accountId());
            }
            GatewayRequest gatewayRequest = WebUtils.getNativeRequest(request, GatewayRequest.class);
            if (gatewayRequest == null) {
                throw new IllegalStateException("IncomingHeadersFilter did not run");
            }
            gatewayRequest.resolve(principal.accountId(), visibility);
            request.setAttribute(MATCH_ATTRIBUTE, match);
            request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        } catch (LunaException e) {
            if (e instanceof LoginThrottle.Locked locked) {
                response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
            }
            if (e.status().value() == 405) {
                response.setHeader("Allow", String.join(", ", table.allowedMethods(request.getRequestURI())));
            }
            errors.write(e, request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private Principal authenticate(HttpServletRequest request) {
        try {
            return authenticator.authenticate(request);
        } catch (ResourceAccessException e) {
            throw (e.getCause() instanceof HttpTimeoutException ? PlatformErrors.DOWNSTREAM_TIMEOUT
                    : PlatformErrors.DOWNSTREAM_UNREACHABLE).exceptionWithCause(e, "accounts-service");
        }
    }

    /** {@code account_id} in the query naming another account, from a caller that sees only its own: 403. */
    static void refuseOtherAccount(String query, UUID own) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!name.equals("account_id")) {
                continue;
            }
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
            if (!value.equalsIgnoreCase(own.toString())) {
                throw PlatformErrors.OTHER_ACCOUNT_FORBIDDEN.exception(value);
            }
        }
    }
}
