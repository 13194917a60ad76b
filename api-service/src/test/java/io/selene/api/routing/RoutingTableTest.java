package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.selene.commons.PlatformSettings;
import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class RoutingTableTest {

    private static final PlatformSettings PROPERTIES = new PlatformSettings(null, null, null, null, null,
            Map.of("faces-service", new PlatformSettings.Endpoint("http://127.0.0.1:1"),
                    "accounts-service", new PlatformSettings.Endpoint("http://127.0.0.1:2"),
                    "image-store-service", new PlatformSettings.Endpoint("http://127.0.0.1:3")));

    private static RoutingTable table(PublicRoute... routes) {
        return new RoutingTable(List.of(new AccountsRoutes(), () -> List.of(routes)), PROPERTIES);
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (LunaException e) {
            return e.status().value();
        }
    }

    @Test
    void aLiteralSegmentWinsOverAVariable() {
        RoutingTable table = table(
                route(HttpMethod.GET, "/6/faces/{face_id}", "faces-service", "/3/faces/{face_id}", "face", "view"),
                route(HttpMethod.GET, "/6/faces/count", "faces-service", "/3/faces/count", "face", "view"));

        RouteMatch tokens = table.match("GET", "/6/accounts/tokens");
        assertThat(tokens.internalPath()).isEqualTo("/1/accounts/tokens");
        RouteMatch token = table.match("GET", "/6/accounts/tokens/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
        assertThat(token.variables()).containsEntry("token_id", "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
        assertThat(table.match("GET", "/6/accounts/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a").internalPath())
                .isEqualTo("/1/accounts/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
        assertThat(table.match("GET", "/6/faces/count").internalPath()).isEqualTo("/3/faces/count");
        assertThat(table.match("GET", "/6/faces/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a").internalPath()).isEqualTo("/3/faces/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
    }

    @Test
    void idSegmentsThatAreNotIdsAreRefusedBeforeTheyReachAnInternalEndpoint() {
        RoutingTable table = table(
                route(HttpMethod.GET, "/6/lists/{list_id}", "faces-service", "/3/lists/{list_id}", "list", "view"),
                route(HttpMethod.GET, "/6/tasks/{task_id}", "faces-service", "/3/tasks/{task_id}", "task", "view"));
        // /3/lists/changes is the matcher's change feed: never reachable as a list id
        for (String path : List.of("/6/lists/changes", "/6/lists/f1", "/6/accounts/tokens/abc",
                "/6/accounts/a%20b", "/6/tasks/-1", "/6/tasks/0", "/6/tasks/errors", "/6/tasks/1e3")) {
            assertThat(status(() -> table.match("GET", path).checkIds())).as(path).isEqualTo(400);
        }
        assertThat(status(() -> table.match("HEAD", "/6/lists/changes").checkIds())).isEqualTo(400);
        assertThat(table.match("GET", "/6/tasks/42").internalPath()).isEqualTo("/3/tasks/42");
    }

    @Test
    void headUsesTheGetRouteAndOtherMethodsAre405() {
        RoutingTable table = table();
        RouteMatch head = table.match("HEAD", "/6/accounts/tokens/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
        assertThat(head.route().method()).isEqualTo(HttpMethod.GET);
        assertThat(status(() -> table.match("PATCH", "/6/accounts/tokens/x"))).isEqualTo(405);
        assertThat(table.allowedMethods("/6/accounts/tokens/x")).containsExactly("DELETE", "GET", "PUT");
        assertThat(status(() -> table.match("GET", "/6/nothing/here"))).isEqualTo(404);
        assertThat(status(() -> table.match("GET", "/6/accounts/"))).isEqualTo(404);
        assertThat(status(() -> table.match("GET", "/6"))).isEqualTo(404);
    }

    @Test
    void pathVariablesCannotClimbOutOfTheirSegment() {
        RoutingTable table = table();
        for (String path : List.of("/6/accounts/..", "/6/accounts/.", "/6/accounts/a%2Fb", "/6/accounts/a%2fb",
                "/6/accounts/%2e%2e", "/6/accounts/a;b", "/6/accounts/a%5Cb", "/6/accounts/a%00")) {
            assertThat(status(() -> table.match("GET", path))).as(path).isEqualTo(404);
        }

    }

    @Test
    void theBackportsLegacyPrefixesAreRoutedLikeSlashSix() {
        RoutingTable table = table(route(HttpMethod.GET, "/4/storage/persons/{person_id}", "faces-service",
                "/4/storage/persons/{person_id}", "face", "view"));

        assertThat(table.match("GET", "/4/storage/persons/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a").internalPath())
                .isEqualTo("/4/storage/persons/8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a");
        assertThat(status(() -> table.match("GET", "/4/storage/nothing/x/y"))).isEqualTo(404);
    }

    @Test
    void badRoutesStopTheGatewayAtStartUp() {
        assertThatThrownBy(() -> table(route(HttpMethod.GET, "/6/accounts/{id}", "accounts-service",
                "/1/accounts/{id}", "account", "view")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Two public routes");
        assertThatThrownBy(() -> table(route(HttpMethod.GET, "/6/x", "nowhere-service", "/1/x", "face", "view")))
                .hasMessageContaining("Unknown service 'nowhere-service'");
        assertThatThrownBy(() -> table(route(HttpMethod.GET, "/6/x", "faces-service", "/3/x", "sdk", "view")))
                .hasMessageContaining("Unknown permission");
        assertThatThrownBy(() -> table(route(HttpMethod.GET, "/6/x", "faces-service", "/3/x", "face", "read")))
                .hasMessageContaining("Unknown permission");
        assertThatThrownBy(() -> table(route(HttpMethod.GET, "/6/x/{a}", "faces-service", "/3/x/{b}", "face",
                "view"))).hasMessageContaining("variable");
        assertThatThrownBy(() -> table(route(HttpMethod.GET, "/7/x", "faces-service", "/3/x", "face", "view")))
                .hasMessageContaining("/6/");
        assertThatThrownBy(() -> table(route(HttpMethod.GET, "/6/x/pre{a}", "faces-service", "/3/x/{a}", "face",
                "view"))).hasMessageContaining("whole segment");
    }

    @Test
    void internalLocationsAreAnsweredInTheirPublicForm() {
        RoutingTable table = table(
                route(HttpMethod.POST, "/6/images", "image-store-service", "/1/buckets/images/images", "image",
                        "creation"),
                route(HttpMethod.GET, "/6/images/{image_id}", "image-store-service",
                        "/1/buckets/images/images/{image_id}", "image", "view"),
                route(HttpMethod.GET, "/6/faces/{face_id}", "faces-service", "/3/faces/{face_id}", "face", "view"));

        assertThat(table.publicLocation("accounts-service", "/1/accounts/abc")).isEqualTo("/6/accounts/abc");
        assertThat(table.publicLocation("accounts-service", "/1/accounts/tokens/t1")).isEqualTo("/6/accounts/tokens/t1");
        assertThat(table.publicLocation("image-store-service", "/1/buckets/images/images/i1"))
                .isEqualTo("/6/images/i1");
        assertThat(table.publicLocation("faces-service", "http://127.0.0.1:5030/3/faces/f1?x=1"))
                .isEqualTo("/6/faces/f1?x=1");
        assertThat(table.publicLocation("faces-service", "/3/lists/l1")).isEqualTo("/6/lists/l1");
        assertThat(table.publicLocation("faces-service", "/6/faces/f1")).isEqualTo("/6/faces/f1");
    }
}
