package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Matching routes owned by matcher-service. */
@Component
public class MatcherRoutes implements RouteSet {

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(HttpMethod.POST, "/6/matcher/faces", "matcher-service", "/1/matcher/faces", "matching", "matching"),
                route(HttpMethod.POST, "/6/matcher/raw", "matcher-service", "/1/matcher/raw", "matching", "matching"));
    }
}
