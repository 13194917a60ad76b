package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Handlers (luna-api.md §3.2–3.4): {@code /6/handlers...} onto handlers-service {@code /1/handlers...}.
 * Literal {@code /count} and {@code /validator} come before the {@code {handler_id}} routes they
 * would match. Generating events (and saving raw ones) creates events, so it needs
 * {@code event/creation} (LUNA's tokens have a separate {@code emit_events} right; ours map it here).
 */
@Component
public class HandlersRoutes implements RouteSet {

    private static final String HANDLERS = "handlers-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(POST, "/6/handlers", HANDLERS, "/1/handlers", "handler", "creation"),
                route(GET, "/6/handlers", HANDLERS, "/1/handlers", "handler", "view"),
                route(GET, "/6/handlers/count", HANDLERS, "/1/handlers/count", "handler", "view"),
                // checks policies, stores nothing
                route(POST, "/6/handlers/validator", HANDLERS, "/1/handlers/validator", "handler", "view"),
                route(GET, "/6/handlers/{handler_id}", HANDLERS, "/1/handlers/{handler_id}", "handler", "view"),
                route(HEAD, "/6/handlers/{handler_id}", HANDLERS, "/1/handlers/{handler_id}", "handler", "view"),
                route(PUT, "/6/handlers/{handler_id}", HANDLERS, "/1/handlers/{handler_id}", "handler",
                        "modification"),
                route(DELETE, "/6/handlers/{handler_id}", HANDLERS, "/1/handlers/{handler_id}", "handler",
                        "deletion"),
                route(POST, "/6/handlers/{handler_id}/events", HANDLERS, "/1/handlers/{handler_id}/events", "event",
                        "creation"),
                route(POST, "/6/handlers/{handler_id}/events/raw", HANDLERS, "/1/handlers/{handler_id}/events/raw",
                        "event", "creation"),
                // FaceStream's route: a stream's warps with their track ids and times
                route(POST, "/6/handlers/{handler_id}/stream_events", HANDLERS,
                        "/1/handlers/{handler_id}/stream_events", "event", "creation"));
    }
}
