package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The licence (licenses-service {@code /1/license}, LUNA Licenses' path; luna-api.md §10). Reading
 * needs {@code account: view}. Installing and removing need {@code account: modification|deletion},
 * which no token can hold, so only a login and password reach licenses-service, which then allows
 * only an admin account (the Admin UI will call the same routes).
 */
@Component
public class LicenseRoutes implements RouteSet {

    private static final String SERVICE = "licenses-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(HttpMethod.GET, "/6/license", SERVICE, "/1/license", "account", "view"),
                route(HttpMethod.PUT, "/6/license", SERVICE, "/1/license", "account", "modification"),
                route(HttpMethod.DELETE, "/6/license", SERVICE, "/1/license", "account", "deletion"));
    }
}
