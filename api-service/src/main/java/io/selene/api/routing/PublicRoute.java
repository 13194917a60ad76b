package io.selene.api.routing;

import org.springframework.http.HttpMethod;

/**
 * One public {@code /6} route: which service owns it, the path there, and the permission it needs.
 * Path variables are written {@code {name}} and carry the same names in both paths; the query
 * string and body are passed on unchanged.
 *
 * @param publicPath   e.g. {@code /6/faces/{face_id}}
 * @param service      owning module, e.g. {@code faces-service}
 * @param internalPath e.g. {@code /3/faces/{face_id}}
 */
public record PublicRoute(HttpMethod method, String publicPath, String service, String internalPath,
        Permission permission) {

    public static PublicRoute route(HttpMethod method, String publicPath, String service, String internalPath,
            String object, String action) {
        return new PublicRoute(method, publicPath, service, internalPath, Permission.of(object, action));
    }
}
