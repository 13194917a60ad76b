package io.selene.api.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.selene.commons.PlatformSettings;
import io.selene.commons.error.PlatformErrors;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The one routing table of the public API: every {@link PublicRoute} of every {@link RouteSet} bean,
 * checked at start-up (paths, variables, owning service, permission, no two routes for the same
 * method and path shape) so a bad route stops the gateway instead of failing at request time.
 * A request matches the most specific route: at each segment a literal ({@code /6/faces/count})
 * wins over a variable ({@code /6/faces/{face_id}}).
 */
@Component
public class RoutingTable {

    private record Entry(PublicRoute route, PathTemplate publicPath, PathTemplate internalPath) {
    }

    /** The public API (/6) and the legacy ones the backports serve: LUNA PLATFORM 3's /4 and 4's /5. */
    public static final List<String> PUBLIC_PREFIXES = List.of("/6/", "/4/", "/5/");

    private final List<Entry> entries;

    public RoutingTable(List<RouteSet> routeSets, PlatformSettings properties) {
        List<Entry> all = new ArrayList<>();
        for (RouteSet set : routeSets) {
            for (PublicRoute route : set.routes()) {
                all.add(check(route, set, properties));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Entry a = all.get(i);
                Entry b = all.get(j);
                if (a.route().method().equals(b.route().method()) && a.publicPath().sameShape(b.publicPath())) {
                    throw new IllegalStateException("Two public routes for " + a.route().method() + " "
                            + a.route().publicPath() + ": " + a.route() + " and " + b.route());
                }
            }
        }
        all.sort(Comparator.comparing(Entry::publicPath, PathTemplate::bySpecificity));
        this.entries = List.copyOf(all);
    }

    private static Entry check(PublicRoute route, RouteSet set, PlatformSettings properties) {
        String where = " (route " + route + " of " + set.getClass().getSimpleName() + ")";
        if (route.method() == null || route.permission() == null || route.service() == null) {
            throw new IllegalStateException("Incomplete route" + where);
        }
        if (!PUBLIC_PREFIXES.contains(route.publicPath().substring(0, Math.min(3, route.publicPath().length())))) {
            throw new IllegalStateException("A public path starts with " + PUBLIC_PREFIXES + where);
        }
        PathTemplate publicPath;
        PathTemplate internalPath;
        try {
            publicPath = new PathTemplate(route.publicPath());
            internalPath = new PathTemplate(route.internalPath());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + where);
        }
        if (!publicPath.variableNames().containsAll(internalPath.variableNames())) {
            throw new IllegalStateException("The internal path uses a variable the public path lacks" + where);
        }
        if (!properties.services().containsKey(route.service())) {
            throw new IllegalStateException("Unknown service '" + route.service() + "'; known: "
                    + properties.services().keySet() + where);
        }
        if (!PermissionCatalogue.known(route.permission())) {
            throw new IllegalStateException("Unknown permission " + route.permission() + "; objects: "
                    + PermissionCatalogue.OBJECTS + ", actions: " + PermissionCatalogue.ACTIONS + where);
        }
        return new Entry(route, publicPath, internalPath);
    }

    /** Every route, most specific first. */
    public List<PublicRoute> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /**
     * The route for a request; HEAD falls back to the GET route. 404 (106) when no route has this path,
     * 405 (106) when routes have it for other methods only.
     */
    public RouteMatch match(String method, String rawPath) {
        String[] segments = rawPath.startsWith("/") ? PathTemplate.split(rawPath) : new String[] {""};
        HttpMethod wanted = HttpMethod.valueOf(method);
        RouteMatch fallback = null;
        boolean pathKnown = false;
        for (Entry entry : entries) {
            Map<String, String> values = entry.publicPath().match(segments);
            if (values == null) {
                continue;
            }
            pathKnown = true;
            if (entry.route().method().equals(wanted)) {
                return new RouteMatch(entry.route(), values, entry.internalPath().expand(values));
            }
            if (fallback == null && HttpMethod.HEAD.equals(wanted) && HttpMethod.GET.equals(entry.route().method())) {
                fallback = new RouteMatch(entry.route(), values, entry.internalPath().expand(values));
            }
        }
        if (fallback != null) {
            return fallback;
        }
        if (pathKnown) {
            throw PlatformErrors.METHOD_NOT_ALLOWED.exception(method, rawPath);
        }
        throw PlatformErrors.INVALID_ROUTE.exception(method, rawPath);
    }

    /** The methods routes accept on a path (for the Allow header of a 405). */
    public Set<String> allowedMethods(String rawPath) {
        String[] segments = PathTemplate.split(rawPath);
        Set<String> methods = new TreeSet<>();
        for (Entry entry : entries) {
            if (entry.publicPath().match(segments) != null) {
                methods.add(entry.route().method().name());
            }
        }
        return methods;
    }

    /**
     * The public form of a {@code Location} a service answered: through the service's own routes
     * ({@code /3/faces/x} → {@code /6/faces/x}), else by swapping the version prefix for {@code /6}.
     */
    public String publicLocation(String service, String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return location;
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.startsWith("/6/")) {
            return location;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String[] segments = PathTemplate.split(path);
        Entry best = null;
        for (Entry entry : entries) {
            if (entry.route().service().equals(service) && entry.internalPath().match(segments) != null
                    && entry.internalPath().variableNames().containsAll(entry.publicPath().variableNames())
                    && (best == null || (entry.route().method() == HttpMethod.GET && best.route().method() != HttpMethod.GET))) {
                best = entry;
            }
        }
        if (best != null) {
            return best.publicPath().expand(best.internalPath().match(segments)) + query;
        }
        return path.replaceFirst("^/\\d+/", "/6/") + query;
    }
}
