package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Faces, lists, the linker and temporary attributes: {@code /6/...} onto faces-service {@code /3/...}.
 * Literal paths come before the {@code {id}} ones they would otherwise match. The change feed
 * ({@code /3/lists/changes}) and the descriptor bulk read ({@code /3/faces/descriptors}) are
 * internal (matcher) and deliberately not public.
 */
@Component
public class FacesRoutes implements RouteSet {

    private static final String FACES = "faces-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(POST, "/6/faces", FACES, "/3/faces", "face", "creation"),
                route(GET, "/6/faces", FACES, "/3/faces", "face", "view"),
                route(DELETE, "/6/faces", FACES, "/3/faces", "face", "deletion"),
                route(GET, "/6/faces/count", FACES, "/3/faces/count", "face", "view"),
                route(GET, "/6/faces/attributes/count", FACES, "/3/faces/attributes/count", "face", "view"),
                route(GET, "/6/faces/{face_id}", FACES, "/3/faces/{face_id}", "face", "view"),
                route(HEAD, "/6/faces/{face_id}", FACES, "/3/faces/{face_id}", "face", "view"),
                route(PATCH, "/6/faces/{face_id}", FACES, "/3/faces/{face_id}", "face", "modification"),
                route(DELETE, "/6/faces/{face_id}", FACES, "/3/faces/{face_id}", "face", "deletion"),
                route(GET, "/6/faces/{face_id}/attributes", FACES, "/3/faces/{face_id}/attributes", "face", "view"),
                route(PUT, "/6/faces/{face_id}/attributes", FACES, "/3/faces/{face_id}/attributes", "face",
                        "modification"),
                route(DELETE, "/6/faces/{face_id}/attributes", FACES, "/3/faces/{face_id}/attributes", "face",
                        "modification"),

                route(POST, "/6/lists", FACES, "/3/lists", "list", "creation"),
                route(GET, "/6/lists", FACES, "/3/lists", "list", "view"),
                route(DELETE, "/6/lists", FACES, "/3/lists", "list", "deletion"),
                route(GET, "/6/lists/count", FACES, "/3/lists/count", "list", "view"),
                route(GET, "/6/lists/{list_id}", FACES, "/3/lists/{list_id}", "list", "view"),
                route(HEAD, "/6/lists/{list_id}", FACES, "/3/lists/{list_id}", "list", "view"),
                route(PATCH, "/6/lists/{list_id}", FACES, "/3/lists/{list_id}", "list", "modification"),
                route(DELETE, "/6/lists/{list_id}", FACES, "/3/lists/{list_id}", "list", "deletion"),
                route(PATCH, "/6/linker", FACES, "/3/linker", "list", "modification"),

                route(POST, "/6/attributes", FACES, "/3/attributes", "attribute", "creation"),
                route(GET, "/6/attributes", FACES, "/3/attributes", "attribute", "view"),
                route(GET, "/6/attributes/count", FACES, "/3/attributes/count", "attribute", "view"),
                route(GET, "/6/attributes/{attribute_id}", FACES, "/3/attributes/{attribute_id}", "attribute", "view"),
                route(HEAD, "/6/attributes/{attribute_id}", FACES, "/3/attributes/{attribute_id}", "attribute",
                        "view"),
                route(DELETE, "/6/attributes/{attribute_id}", FACES, "/3/attributes/{attribute_id}", "attribute",
                        "deletion"));
    }
}
