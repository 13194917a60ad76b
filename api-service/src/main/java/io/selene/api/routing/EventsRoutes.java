package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Events: search, one event and statistics, {@code /6/events...} onto events-service {@code /2/events...}.
 * Events are created by handlers only, so {@code POST /2/events} is deliberately not public (the
 * public way to store external events will be {@code /6/handlers/{id}/events/raw} through
 * handlers-service); nor are {@code DELETE /2/events} (admin/GC) and {@code /2/events/descriptors}
 * (matcher). Literal {@code /6/events/stats} comes before {@code /6/events/{event_id}}.
 */
@Component
public class EventsRoutes implements RouteSet {

    private static final String EVENTS = "events-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(GET, "/6/events", EVENTS, "/2/events", "event", "view"),
                route(POST, "/6/events/stats", EVENTS, "/2/events/stats", "event", "view"),
                route(GET, "/6/events/{event_id}", EVENTS, "/2/events/{event_id}", "event", "view"),
                route(HEAD, "/6/events/{event_id}", EVENTS, "/2/events/{event_id}", "event", "view"));
    }
}
