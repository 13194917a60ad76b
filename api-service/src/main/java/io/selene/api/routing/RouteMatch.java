package io.selene.api.routing;

import java.util.Map;

/**
 * A request matched to a route: the route, the values of its path variables (raw, still URL-encoded)
 * and the internal path they give.
 */
public record RouteMatch(PublicRoute route, Map<String, String> variables, String internalPath) {

    /** 400 with the service's own answer when an id variable is not an id (see {@link IdVariables}). */
    public void checkIds() {
        IdVariables.check(variables);
    }
}
