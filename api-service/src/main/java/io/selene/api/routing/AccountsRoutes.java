package io.selene.api.routing;

import static io.selene.api.routing.PublicRoute.route;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Accounts and tokens, owned by accounts-service. Token routes live under {@code /6/accounts/tokens}
 * (luna-api.md §1.1; the path is inferred there, and LUNA clients use it): the literal {@code tokens}
 * wins over {@code {account_id}}, which is always a UUID. A token may only {@code view} accounts, so
 * creating, changing and deleting accounts and tokens needs the login and password.
 */
@Component
public class AccountsRoutes implements RouteSet {

    private static final String SERVICE = "accounts-service";

    @Override
    public List<PublicRoute> routes() {
        return List.of(
                route(HttpMethod.POST, "/6/accounts", SERVICE, "/1/accounts", "account", "creation"),
                route(HttpMethod.GET, "/6/accounts", SERVICE, "/1/accounts", "account", "view"),
                route(HttpMethod.GET, "/6/accounts/{account_id}", SERVICE, "/1/accounts/{account_id}",
                        "account", "view"),
                route(HttpMethod.PATCH, "/6/accounts/{account_id}", SERVICE, "/1/accounts/{account_id}",
                        "account", "modification"),
                route(HttpMethod.DELETE, "/6/accounts/{account_id}", SERVICE, "/1/accounts/{account_id}",
                        "account", "deletion"),
                route(HttpMethod.POST, "/6/accounts/tokens", SERVICE, "/1/accounts/tokens", "account", "creation"),
                route(HttpMethod.GET, "/6/accounts/tokens", SERVICE, "/1/accounts/tokens", "account", "view"),
                route(HttpMethod.GET, "/6/accounts/tokens/{token_id}", SERVICE, "/1/accounts/tokens/{token_id}",
                        "account", "view"),
                route(HttpMethod.PUT, "/6/accounts/tokens/{token_id}", SERVICE, "/1/accounts/tokens/{token_id}",
                        "account", "modification"),
                route(HttpMethod.DELETE, "/6/accounts/tokens/{token_id}", SERVICE, "/1/accounts/tokens/{token_id}",
                        "account", "deletion"));
    }
}
