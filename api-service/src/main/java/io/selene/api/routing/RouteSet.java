package io.selene.api.routing;

import java.util.List;

/**
 * The public routes of one feature area; each is a Spring bean in this package. The gateway
 * collects every RouteSet into the one routing table (public path → owning service, method,
 * permission), which the route-table test walks.
 */
public interface RouteSet {

    List<PublicRoute> routes();
}
