package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The admin API (admin-service): accounts with their counts and tokens, system information and every
 * account's tasks. admin-service answers admin accounts only (403 35001 for any other); changes need
 * {@code account} permissions no token holds, so only an admin's login and password make them.
 */
@Component
public class AdminRoutes implements RouteSet {

    private static final String SERVICE = "admin-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(HttpMethod.GET, "/6/admin/accounts", SERVICE, "/1/accounts", "account", "view"),
                route(HttpMethod.POST, "/6/admin/accounts", SERVICE, "/1/accounts", "account", "creation"),
                route(HttpMethod.GET, "/6/admin/accounts/{account_id}", SERVICE, "/1/accounts/{account_id}",
                        "account", "view"),
                route(HttpMethod.PATCH, "/6/admin/accounts/{account_id}", SERVICE, "/1/accounts/{account_id}",
                        "account", "modification"),
                route(HttpMethod.DELETE, "/6/admin/accounts/{account_id}", SERVICE, "/1/accounts/{account_id}",
                        "account", "deletion"),
                route(HttpMethod.GET, "/6/admin/accounts/{account_id}/tokens", SERVICE,
                        "/1/accounts/{account_id}/tokens", "account", "view"),
                route(HttpMethod.POST, "/6/admin/accounts/{account_id}/tokens", SERVICE,
                        "/1/accounts/{account_id}/tokens", "account", "creation"),
                route(HttpMethod.DELETE, "/6/admin/accounts/{account_id}/tokens/{token_id}", SERVICE,
                        "/1/accounts/{account_id}/tokens/{token_id}", "account", "deletion"),
                route(HttpMethod.POST, "/6/admin/accounts/{account_id}/gc", SERVICE,
                        "/1/accounts/{account_id}/gc", "task", "creation"),
                route(HttpMethod.POST, "/6/admin/accounts/{account_id}/additional_extract", SERVICE,
                        "/1/accounts/{account_id}/additional_extract", "task", "creation"),
                route(HttpMethod.GET, "/6/admin/system", SERVICE, "/1/system", "account", "view"),
                route(HttpMethod.GET, "/6/admin/tasks", SERVICE, "/1/tasks", "account", "view"),
                route(HttpMethod.PATCH, "/6/admin/tasks/{task_id}", SERVICE, "/1/tasks/{task_id}", "account",
                        "modification"));
    }
}
