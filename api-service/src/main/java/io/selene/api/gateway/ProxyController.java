package io.selene.api.gateway;

import java.io.IOException;
import java.util.UUID;

import io.selene.api.auth.Authenticator;
import io.selene.api.routing.RouteMatch;
import io.selene.commons.error.PlatformErrors;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Serves every {@code /6} route (and the backports' legacy {@code /4}, {@code /5} ones) of the routing table by proxying it; {@link AuthenticationFilter} has
 * already matched the route and authenticated the caller.
 */
@RestController
@Hidden
public class ProxyController {

    private final Proxy proxy;
    private final Authenticator authenticator;

    public ProxyController(Proxy proxy, Authenticator authenticator) {
        this.proxy = proxy;
        this.authenticator = authenticator;
    }

    @RequestMapping({"/6/**", "/4/**", "/5/**"})
    public void proxy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(AuthenticationFilter.MATCH_ATTRIBUTE) instanceof RouteMatch match)) {
            throw PlatformErrors.INVALID_ROUTE.exception(request.getMethod(), request.getRequestURI());
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, match.route().publicPath());
        proxy.forward(match, request, response);
        forgetChangedAccount(match, request.getMethod(), response.getStatus());
    }

    /** A changed or deleted account must not stay logged in through the Basic-auth cache. */
    private void forgetChangedAccount(RouteMatch match, String method, int status) {
        String accountId = match.variables().get("account_id");
        String service = match.route().service();
        if (accountId != null && ("accounts-service".equals(service) || "admin-service".equals(service))
                && ("PATCH".equals(method) || "DELETE".equals(method)) && status / 100 == 2) {
            try {
                authenticator.forget(UUID.fromString(accountId));
            } catch (IllegalArgumentException notAnId) {
                // the service refused it anyway
            }
        }
    }
}
