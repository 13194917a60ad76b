package io.selene.launcher.gateway;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.api.routing.Permission;
import io.selene.api.routing.PermissionCatalogue;
import io.selene.api.routing.PublicRoute;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Walks EVERY route of the gateway's routing table (the accounts routes and whatever the other areas
 * add) and checks that each refuses: no credentials, a wrong password, an expired token, a revoked
 * token (all 401), and a token that has every permission but the route's own (403 ForbiddenByToken
 * naming the action and object). Nothing reaches the owning service in these cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteTableAuthenticationTest {

    private GatewayTestPlatform platform;
    private List<PublicRoute> routes;
    private GatewayTestPlatform.Account owner;
    private GatewayTestPlatform.Token expired;
    private GatewayTestPlatform.Token revoked;
    private final Map<Permission, GatewayTestPlatform.Token> allBut = new LinkedHashMap<>();

    @BeforeAll
    void tokens() throws InterruptedException {
        platform = GatewayTestPlatform.get();
        routes = platform.table().routes();
        owner = platform.account("user");
        String soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).toString();
        expired = platform.token(owner, "{\"expiration_time\": \"" + soon + "\"}", true);
        revoked = platform.token(owner, "{}", true);
        assertThat(platform.bearer(revoked).send("DELETE", "/6/accounts/tokens/" + revoked.id()).status())
                .isEqualTo(403);
        assertThat(platform.as(owner).send("DELETE", "/6/accounts/tokens/" + revoked.id()).status()).isEqualTo(204);
        for (PublicRoute route : routes) {
            allBut.computeIfAbsent(route.permission(), this::tokenWithout);
        }
        long wait = java.time.Duration.between(OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.parse(soon))
                .toMillis() + 200;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** A token with every permission a token can have, except the given one. */
    private GatewayTestPlatform.Token tokenWithout(Permission missing) {
        StringBuilder permissions = new StringBuilder("{");
        for (String object : PermissionCatalogue.OBJECTS) {
            List<String> actions = new ArrayList<>();
            for (String action : PermissionCatalogue.ACTIONS) {
                boolean grantable = !object.equals("account") || action.equals("view");
                if (grantable && !(object.equals(missing.object()) && action.equals(missing.action()))) {
                    actions.add("\"" + action + "\"");
                }
            }
            permissions.append(permissions.length() > 1 ? ", " : "").append('"').append(object).append("\": ")
                    .append(actions);
        }
        permissions.append('}');
        return platform.token(owner, "{\"description\": \"all but " + missing + "\", \"permissions\": "
                + permissions + "}", false);
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^/}]+}", UUID.randomUUID().toString());
    }

    private static HttpProbe.Answer call(HttpProbe probe, PublicRoute route) {
        String path = concrete(route.publicPath());
        String method = route.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")) {
            return probe.send(method, path);
        }
        return probe.send(method, path, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(HttpProbe.Answer answer, PublicRoute route, int status, int code, String what) {
        assertThat(answer.status()).as(what + " on " + route + ": " + answer).isEqualTo(status);
        if (!route.method().name().equals("HEAD")) {
            assertLunaError(answer, code);
        }
    }

    @Test
    void theTableIsNotEmptyAndHoldsTheAccountsRoutes() {
        assertThat(routes).extracting(route -> route.method() + " " + route.publicPath())
                .contains("POST /6/accounts", "GET /6/accounts/{account_id}", "PUT /6/accounts/tokens/{token_id}",
                        "DELETE /6/accounts/tokens/{token_id}");
    }

    @Test
    void everyRouteRefusesACallerWithoutCredentials() {
        for (PublicRoute route : routes) {
            assertRefused(call(platform.anonymous(), route), route, 401, 10001, "no credentials");
            HttpProbe.Answer forged = call(platform.anonymous().with("X-Selene-Account-Id", owner.id().toString(),
                    "X-Selene-Visibility", "all", "X-Selene-Internal-Secret", "guess"), route);
            assertRefused(forged, route, 401, 10001, "forged internal headers");
        }
    }

    @Test
    void everyRouteRefusesAWrongPassword() {
        for (PublicRoute route : routes) {
            // A fresh account per route: the failed-login limit must not turn these 401s into 429s.
            GatewayTestPlatform.Account victim = platform.account("user");
            assertRefused(call(platform.basic(victim.login(), victim.password() + "x"), route), route, 401, 11010,
                    "wrong password");
        }
    }

    @Test
    void everyRouteRefusesAnExpiredToken() {
        for (PublicRoute route : routes) {
            assertRefused(call(platform.bearer(expired), route), route, 401, 11012, "expired token");
        }
    }

    @Test
    void everyRouteRefusesARevokedToken() {
        for (PublicRoute route : routes) {
            assertRefused(call(platform.bearer(revoked), route), route, 401, 11013, "revoked token");
        }
    }

    @Test
    void everyRouteRefusesATokenWithoutItsPermission() {
        for (PublicRoute route : routes) {
            HttpProbe.Answer answer = call(platform.bearer(allBut.get(route.permission())), route);
            assertRefused(answer, route, 403, 10004, "token without " + route.permission());
            if (!route.method().name().equals("HEAD")) {
                assertThat(answer.json().get("detail").asString()).as(route.toString())
                        .contains("'" + route.permission().action() + "'", "'" + route.permission().object() + "'");
            }
        }
    }

    @Test
    void everyRouteLetsThroughACallerThatHasItsPermission() {
        GatewayTestPlatform.Token all = platform.token(owner, "{}", true);
        java.util.Set<Integer> gatewayRefusals = java.util.Set.of(10001, 10002, 11037, 11061, 10004, 10005, 11010, 11011,
                11012, 11013, 11014, 11015);
        for (PublicRoute route : routes) {
            Permission needed = route.permission();
            boolean tokenCanHaveIt = !needed.object().equals("account") || needed.action().equals("view");
            HttpProbe caller = tokenCanHaveIt ? platform.bearer(all) : platform.as(owner);
            HttpProbe.Answer answer = call(caller, route);
            // Whatever the owning service answers (200, 400 for the empty body, 404 for the random id…),
            // it is not the gateway refusing a caller that may use the route.
            if (answer.status() == 401 || answer.status() == 403 || answer.status() == 429) {
                assertThat(route.method().name()).as(route + " → " + answer).isNotEqualTo("HEAD");
                assertThat(answer.json().get("error_code").asInt()).as(route + " → " + answer)
                        .isNotIn(gatewayRefusals.toArray());
            }
        }
    }

    @Test
    void aTokenCanGrantWhatEveryRouteNeedsExceptChangingAccounts() {
        GatewayTestPlatform.Token all = platform.token(owner, "{}", true);
        JsonNode granted = platform.bearer(all).get("/6/accounts/tokens/" + all.id()).json().get("permissions");
        for (PublicRoute route : routes) {
            Permission needed = route.permission();
            boolean tokenCanHaveIt = !needed.object().equals("account") || needed.action().equals("view");
            JsonNode actions = granted.get(needed.object());
            assertThat(actions != null && actions.toString().contains("\"" + needed.action() + "\""))
                    .as(route + " needs " + needed + "; grant_all_permissions gives " + granted)
                    .isEqualTo(tokenCanHaveIt);
        }
    }
}
