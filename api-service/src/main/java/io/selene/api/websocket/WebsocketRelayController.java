package io.selene.api.websocket;

import java.io.IOException;

import io.selene.api.gateway.AuthenticationFilter;
import io.selene.api.gateway.Proxy;
import io.selene.api.routing.RouteMatch;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.web.WebSocketUpgrade;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /6/ws} (more specific than the proxy's {@code /6/**}): {@link AuthenticationFilter} has
 * matched the route and authenticated the caller like on every {@code /6} call; a websocket handshake is
 * relayed to sender-service, anything else is proxied there as a plain GET (sender answers 426, or 400
 * for bad filters).
 */
@RestController
@Hidden
public class WebsocketRelayController {

    private final WebsocketRelay relay;
    private final Proxy proxy;

    public WebsocketRelayController(WebsocketRelay relay, Proxy proxy) {
        this.relay = relay;
        this.proxy = proxy;
    }

    @GetMapping("/6/ws")
    public void subscribe(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(AuthenticationFilter.MATCH_ATTRIBUTE) instanceof RouteMatch match)) {
            throw PlatformErrors.INVALID_ROUTE.exception(request.getMethod(), request.getRequestURI());
        }
        if (WebSocketUpgrade.isUpgrade(request)) {
            relay.open(match, request, response);
        } else {
            proxy.forward(match, request, response);
        }
    }
}
