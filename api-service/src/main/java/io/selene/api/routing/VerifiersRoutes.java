package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Verifiers (1:1 verification presets, luna-api.md §3.5): {@code /6/verifiers...} onto handlers-service
 * {@code /1/verifiers...}. {@code /count} comes before the {@code {verifier_id}} routes it would match.
 */
@Component
public class VerifiersRoutes implements RouteSet {

    private static final String HANDLERS = "handlers-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(POST, "/6/verifiers", HANDLERS, "/1/verifiers", "verifier", "creation"),
                route(GET, "/6/verifiers", HANDLERS, "/1/verifiers", "verifier", "view"),
                route(GET, "/6/verifiers/count", HANDLERS, "/1/verifiers/count", "verifier", "view"),
                route(GET, "/6/verifiers/{verifier_id}", HANDLERS, "/1/verifiers/{verifier_id}", "verifier", "view"),
                route(HEAD, "/6/verifiers/{verifier_id}", HANDLERS, "/1/verifiers/{verifier_id}", "verifier", "view"),
                route(PUT, "/6/verifiers/{verifier_id}", HANDLERS, "/1/verifiers/{verifier_id}", "verifier",
                        "modification"),
                route(DELETE, "/6/verifiers/{verifier_id}", HANDLERS, "/1/verifiers/{verifier_id}", "verifier",
                        "deletion"),
                // uses the verifier and reads the candidates (stores only what the verifier's storage policy says)
                route(POST, "/6/verifiers/{verifier_id}/verifications", HANDLERS,
                        "/1/verifiers/{verifier_id}/verifications", "verifier", "view"),
                // compares posted descriptors only, with the verifier's threshold
                route(POST, "/6/verifiers/{verifier_id}/raw", HANDLERS, "/1/verifiers/{verifier_id}/raw", "verifier",
                        "view"));
    }
}
