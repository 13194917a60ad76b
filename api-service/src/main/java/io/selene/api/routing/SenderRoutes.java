package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;
import static org.springframework.http.HttpMethod.GET;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Event push: {@code GET /6/ws}, a websocket relayed to sender-service {@code /1/ws} by
 * websocket/WebsocketRelayController (a plain GET without the upgrade is proxied
 * like any route, and sender answers it). Subscribing reads events, so it needs {@code view} on
 * {@code event}; a caller with visibility {@code all} may name {@code account_id}.
 */
@Component
public class SenderRoutes implements RouteSet {

    @Override
    public List<PublicRoute> routes() {
        return List.of(route(GET, "/6/ws", "sender-service", "/1/ws", "event", "view"));
    }
}
