package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Image Store: source images, objects and face/body samples, each mapped onto its bucket of
 * image-store-service (API 1). Bodies, Content-Type, {@code ?ttl=} and the answer's
 * {@code Location} / {@code X-Luna-Expiry-Date} headers pass through unchanged.
 */
@Component
public class ImageStoreRoutes implements RouteSet {

    private static final String SERVICE = "image-store-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(HttpMethod.POST, "/6/images", SERVICE, "/1/buckets/images/images", "image", "creation"),
                route(HttpMethod.GET, "/6/images/{image_id}", SERVICE, "/1/buckets/images/images/{image_id}",
                        "image", "view"),
                route(HttpMethod.HEAD, "/6/images/{image_id}", SERVICE, "/1/buckets/images/images/{image_id}",
                        "image", "view"),
                route(HttpMethod.DELETE, "/6/images/{image_id}", SERVICE, "/1/buckets/images/images/{image_id}",
                        "image", "deletion"),

                route(HttpMethod.POST, "/6/objects", SERVICE, "/1/buckets/objects/objects", "object", "creation"),
                route(HttpMethod.PUT, "/6/objects/{object_id}", SERVICE, "/1/buckets/objects/objects/{object_id}",
                        "object", "creation"),
                route(HttpMethod.GET, "/6/objects/{object_id}", SERVICE, "/1/buckets/objects/objects/{object_id}",
                        "object", "view"),
                route(HttpMethod.HEAD, "/6/objects/{object_id}", SERVICE, "/1/buckets/objects/objects/{object_id}",
                        "object", "view"),
                route(HttpMethod.DELETE, "/6/objects/{object_id}", SERVICE, "/1/buckets/objects/objects/{object_id}",
                        "object", "deletion"),

                route(HttpMethod.GET, "/6/samples/faces/{sample_id}", SERVICE,
                        "/1/buckets/face-samples/images/{sample_id}", "sample", "view"),
                route(HttpMethod.HEAD, "/6/samples/faces/{sample_id}", SERVICE,
                        "/1/buckets/face-samples/images/{sample_id}", "sample", "view"),
                route(HttpMethod.DELETE, "/6/samples/faces/{sample_id}", SERVICE,
                        "/1/buckets/face-samples/images/{sample_id}", "sample", "deletion"),

                route(HttpMethod.GET, "/6/samples/bodies/{sample_id}", SERVICE,
                        "/1/buckets/body-samples/images/{sample_id}", "sample", "view"),
                route(HttpMethod.HEAD, "/6/samples/bodies/{sample_id}", SERVICE,
                        "/1/buckets/body-samples/images/{sample_id}", "sample", "view"),
                route(HttpMethod.DELETE, "/6/samples/bodies/{sample_id}", SERVICE,
                        "/1/buckets/body-samples/images/{sample_id}", "sample", "deletion"));
    }
}
