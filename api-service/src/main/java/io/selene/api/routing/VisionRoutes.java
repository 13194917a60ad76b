package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Detection, stateless estimation and extraction (handlers-service). The samples the detector
 * stores ({@code /6/samples/faces/{sample_id}}) are routed to Image Store by {@link ImageStoreRoutes}.
 */
@Component
public class VisionRoutes implements RouteSet {

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                // stores one sample per detected face
                route(HttpMethod.POST, "/6/detector", "handlers-service", "/1/detector", "sample", "creation"),
                // stateless: estimates and descriptors, nothing stored — a read of the caller's own input
                route(HttpMethod.POST, "/6/sdk", "handlers-service", "/1/sdk", "face", "view"),
                // ISO/IEC 19794-5 checks of posted photos: stateless like /6/sdk, so the same permission
                route(HttpMethod.POST, "/6/iso", "handlers-service", "/1/iso", "face", "view"),
                // LUNA's "save face sample": a posted 250x250 warp stored as a sample
                route(HttpMethod.POST, "/6/samples/faces", "handlers-service", "/1/samples/faces", "sample",
                        "creation"),
                // creates temporary attributes in Faces from stored samples
                route(HttpMethod.POST, "/6/extractor", "handlers-service", "/1/extractor", "attribute", "creation"));
    }
}
