package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Liveness V1 (liveness-service, luna-api.md §11): {@code POST /6/liveness} with 1..8 images. Like
 * {@code /6/sdk} it reads only the caller's own input and stores nothing, so it needs {@code face: view}.
 */
@Component
public class LivenessRoutes implements RouteSet {

    @Override
    public List<PublicRoute> routes() {
        return List.of(route(HttpMethod.POST, "/6/liveness", "liveness-service", "/1/liveness", "face", "view"));
    }
}
