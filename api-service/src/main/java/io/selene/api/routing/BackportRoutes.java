package io.selene.api.routing;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The legacy APIs of backport-service (luna-api.md §15): LUNA PLATFORM 3's {@code /4} (Backport 3) and
 * LUNA PLATFORM 4's {@code /5} (Backport 4). They are authenticated and scoped here like {@code /6}; the
 * service serves them on the same paths and translates each into calls to the {@code /6} services.
 * Permissions are those of the {@code /6} objects a route reads or changes.
 */
@Component
public class BackportRoutes implements RouteSet {

    private static final String SERVICE = "backport-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                // Backport 3: accounts and tokens (account creation is the admin's, as POST /6/accounts)
                legacy(POST, "/4/accounts", "account", "creation"),
                legacy(GET, "/4/account", "account", "view"),
                legacy(POST, "/4/account/tokens", "account", "creation"),
                legacy(GET, "/4/account/tokens", "account", "view"),
                legacy(GET, "/4/account/tokens/{token_id}", "account", "view"),
                legacy(PATCH, "/4/account/tokens/{token_id}", "account", "modification"),
                legacy(DELETE, "/4/account/tokens/{token_id}", "account", "deletion"),
                // Backport 3: storage
                legacy(POST, "/4/storage/descriptors", "face", "creation"),
                legacy(GET, "/4/storage/descriptors/{descriptor_id}", "face", "view"),
                legacy(DELETE, "/4/storage/descriptors/{descriptor_id}", "face", "deletion"),
                legacy(PATCH, "/4/storage/descriptors/{descriptor_id}/linked_lists", "list", "modification"),
                legacy(POST, "/4/storage/persons", "face", "creation"),
                legacy(GET, "/4/storage/persons", "face", "view"),
                legacy(GET, "/4/storage/persons/{person_id}", "face", "view"),
                legacy(PATCH, "/4/storage/persons/{person_id}", "face", "modification"),
                legacy(DELETE, "/4/storage/persons/{person_id}", "face", "deletion"),
                legacy(PATCH, "/4/storage/persons/{person_id}/linked_descriptors", "face", "modification"),
                legacy(PATCH, "/4/storage/persons/{person_id}/linked_lists", "list", "modification"),
                legacy(POST, "/4/storage/lists", "list", "creation"),
                legacy(GET, "/4/storage/lists", "list", "view"),
                legacy(GET, "/4/storage/lists/{list_id}", "list", "view"),
                legacy(PATCH, "/4/storage/lists/{list_id}", "list", "modification"),
                legacy(DELETE, "/4/storage/lists/{list_id}", "list", "deletion"),
                // Backport 3: matching
                legacy(POST, "/4/matching/search", "matching", "matching"),
                legacy(POST, "/4/matching/match", "matching", "matching"),
                legacy(POST, "/4/matching/identify", "matching", "matching"),
                legacy(POST, "/4/matching/verify", "matching", "matching"),
                legacy(GET, "/4/version", "account", "view"),
                // Backport 4
                legacy(POST, "/5/faces", "face", "creation"),
                legacy(GET, "/5/faces", "face", "view"),
                legacy(GET, "/5/faces/count", "face", "view"),
                legacy(GET, "/5/faces/{face_id}", "face", "view"),
                legacy(PATCH, "/5/faces/{face_id}", "face", "modification"),
                legacy(DELETE, "/5/faces/{face_id}", "face", "deletion"),
                legacy(POST, "/5/lists", "list", "creation"),
                legacy(GET, "/5/lists", "list", "view"),
                legacy(GET, "/5/lists/count", "list", "view"),
                legacy(GET, "/5/lists/{list_id}", "list", "view"),
                legacy(PATCH, "/5/lists/{list_id}", "list", "modification"),
                legacy(DELETE, "/5/lists/{list_id}", "list", "deletion"),
                legacy(PATCH, "/5/linker", "list", "modification"),
                legacy(POST, "/5/attributes", "attribute", "creation"),
                legacy(GET, "/5/attributes", "attribute", "view"),
                legacy(GET, "/5/attributes/{attribute_id}", "attribute", "view"),
                legacy(DELETE, "/5/attributes/{attribute_id}", "attribute", "deletion"),
                legacy(POST, "/5/detector", "sample", "creation"),
                legacy(POST, "/5/extractor", "attribute", "creation"),
                legacy(POST, "/5/handlers", "handler", "creation"),
                legacy(GET, "/5/handlers", "handler", "view"),
                legacy(GET, "/5/handlers/{handler_id}", "handler", "view"),
                legacy(PUT, "/5/handlers/{handler_id}", "handler", "modification"),
                legacy(DELETE, "/5/handlers/{handler_id}", "handler", "deletion"),
                legacy(POST, "/5/handlers/{handler_id}/events", "event", "creation"),
                legacy(GET, "/5/events", "event", "view"),
                legacy(GET, "/5/events/{event_id}", "event", "view"),
                legacy(POST, "/5/matcher", "matching", "matching"),
                legacy(POST, "/5/tasks/{task_type}", "task", "creation"),
                legacy(GET, "/5/tasks", "task", "view"),
                legacy(GET, "/5/tasks/{task_id}", "task", "view"),
                legacy(PATCH, "/5/tasks/{task_id}", "task", "modification"),
                legacy(DELETE, "/5/tasks/{task_id}", "task", "deletion"),
                legacy(GET, "/5/tasks/{task_id}/result", "task", "view"),
                legacy(GET, "/5/version", "account", "view"));
    }

    private static PublicRoute legacy(HttpMethod method, String path, String object, String action) {
        return PublicRoute.route(method, path, SERVICE, path, object, action);
    }
}
