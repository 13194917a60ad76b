package io.selene.backport.lp4;

import static io.selene.backport.Downstream.EVENTS;
import static io.selene.backport.Downstream.FACES;
import static io.selene.backport.Downstream.HANDLERS;
import static io.selene.backport.Downstream.MATCHER;
import static io.selene.backport.Downstream.TASKS;

import java.util.List;
import java.util.Map;

/**
 * Where each LP4 ({@code /5}) resource lives among the {@code /6} services: path patterns with {@code {}}
 * segments, and the filters LP4 named in the singular that {@code /6} names in the plural.
 */
final class Lp4Routes {

    /** A {@code /5} path pattern and its internal path ({@code {}} segments copied in order). */
    record Route(String method, String legacy, String service, String internal) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/5/faces", FACES, "/3/faces"),
            new Route("GET", "/5/faces", FACES, "/3/faces"),
            new Route("GET", "/5/faces/count", FACES, "/3/faces/count"),
            new Route("GET", "/5/faces/{}", FACES, "/3/faces/{}"),
            new Route("PATCH", "/5/faces/{}", FACES, "/3/faces/{}"),
            new Route("DELETE", "/5/faces/{}", FACES, "/3/faces/{}"),
            new Route("POST", "/5/lists", FACES, "/3/lists"),
            new Route("GET", "/5/lists", FACES, "/3/lists"),
            new Route("GET", "/5/lists/count", FACES, "/3/lists/count"),
            new Route("GET", "/5/lists/{}", FACES, "/3/lists/{}"),
            new Route("PATCH", "/5/lists/{}", FACES, "/3/lists/{}"),
            new Route("DELETE", "/5/lists/{}", FACES, "/3/lists/{}"),
            new Route("PATCH", "/5/linker", FACES, "/3/linker"),
            new Route("POST", "/5/attributes", FACES, "/3/attributes"),
            new Route("GET", "/5/attributes", FACES, "/3/attributes"),
            new Route("GET", "/5/attributes/{}", FACES, "/3/attributes/{}"),
            new Route("DELETE", "/5/attributes/{}", FACES, "/3/attributes/{}"),
            new Route("POST", "/5/detector", HANDLERS, "/1/detector"),
            new Route("POST", "/5/extractor", HANDLERS, "/1/extractor"),
            new Route("POST", "/5/handlers", HANDLERS, "/1/handlers"),
            new Route("GET", "/5/handlers", HANDLERS, "/1/handlers"),
            new Route("GET", "/5/handlers/{}", HANDLERS, "/1/handlers/{}"),
            new Route("PUT", "/5/handlers/{}", HANDLERS, "/1/handlers/{}"),
            new Route("DELETE", "/5/handlers/{}", HANDLERS, "/1/handlers/{}"),
            new Route("POST", "/5/handlers/{}/events", HANDLERS, "/1/handlers/{}/events"),
            new Route("GET", "/5/events", EVENTS, "/2/events"),
            new Route("GET", "/5/events/{}", EVENTS, "/2/events/{}"),
            new Route("POST", "/5/matcher", MATCHER, "/1/matcher/faces"),
            new Route("POST", "/5/tasks/{}", TASKS, "/1/tasks/{}"),
            new Route("GET", "/5/tasks", TASKS, "/1/tasks"),
            new Route("GET", "/5/tasks/{}", TASKS, "/1/tasks/{}"),
            new Route("PATCH", "/5/tasks/{}", TASKS, "/1/tasks/{}"),
            new Route("DELETE", "/5/tasks/{}", TASKS, "/1/tasks/{}"),
            new Route("GET", "/5/tasks/{}/result", TASKS, "/1/tasks/{}/result"));

    /** LP4's singular filters and their {@code /6} names (the value, a single id or a comma list, is kept). */
    static final Map<String, String> FILTERS = Map.of("handler_id", "handler_ids", "source", "sources",
            "tag", "tags", "external_id", "external_ids", "face_id", "face_ids", "event_id", "event_ids",
            "track_id", "track_ids", "list_ids", "list_id");

    private Lp4Routes() {
    }

    /** The route and internal path of a request, or null. */
    static Map.Entry<Route, String> resolve(String method, String path) {
        String[] segments = path.split("/", -1);
        for (Route route : ROUTES) {
            if (!route.method().equals(method)) {
                continue;
            }
            String[] pattern = route.legacy().split("/", -1);
            if (pattern.length != segments.length) {
                continue;
            }
            List<String> values = new java.util.ArrayList<>();
            boolean matches = true;
            for (int i = 0; i < pattern.length && matches; i++) {
                if (pattern[i].equals("{}")) {
                    values.add(segments[i]);
                } else {
                    matches = pattern[i].equals(segments[i]);
                }
            }
            if (matches) {
                String internal = route.internal();
                for (String value : values) {
                    internal = internal.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(value));
                }
                return Map.entry(route, internal);
            }
        }
        return null;
    }
}
