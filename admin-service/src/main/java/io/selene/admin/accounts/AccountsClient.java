package io.selene.admin.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;

/**
 * accounts-service's {@code /1/accounts...} as an admin uses them: every call names the admin acting
 * ({@code admin}), whom accounts-service checks again; a token is made and revoked as its account, since
 * a token always belongs to the account that creates it.
 */
@Component
public class AccountsClient {

    /** One page of accounts, {@code login_contains} and {@code account_type} when given. */
    public record Search(String loginContains, String accountType, int page, int pageSize) {
    }

    private final RestClient accounts;

    public AccountsClient(InternalClients clients) {
        this.accounts = clients.restClient("accounts-service");
    }

    public JsonNode list(UUID admin, Search search) {
        return accounts.get().uri(uri -> {
            UriBuilder builder = uri.path("/1/accounts").queryParam("page", search.page())
                    .queryParam("page_size", search.pageSize());
            if (search.loginContains() != null && !search.loginContains().isBlank()) {
                builder.queryParam("login_contains", search.loginContains().trim());
            }
            if (search.accountType() != null && !search.accountType().isBlank()) {
                builder.queryParam("account_type", search.accountType());
            }
            return builder.build();
        }).headers(as(admin, true)).retrieve().body(JsonNode.class);
    }

    public JsonNode get(UUID admin, UUID accountId) {
        return accounts.get().uri("/1/accounts/{id}", accountId).headers(as(admin, true)).retrieve().body(JsonNode.class);
    }

    /** Creates an account; answers its id. */
    public UUID create(UUID admin, String login, String password, String accountType, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", login);
        body.put("password", password);
        body.put("account_type", accountType);
        if (description != null) {
            body.put("description", description);
        }
        JsonNode answer = accounts.post().uri("/1/accounts").headers(as(admin, false)).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class);
        return UUID.fromString(answer.get("account_id").asString());
    }

    /** Changes what {@code changes} holds (login, password, account_type, description). */
    public JsonNode patch(UUID admin, UUID accountId, Map<String, Object> changes) {
        return accounts.patch().uri("/1/accounts/{id}", accountId).headers(as(admin, false))
                .contentType(MediaType.APPLICATION_JSON).body(changes).retrieve().body(JsonNode.class);
    }

    public JsonNode tokens(UUID admin, UUID accountId, int page, int pageSize) {
        return accounts.get().uri("/1/accounts/tokens?account_id={id}&page={page}&page_size={size}", accountId,
                page, pageSize).headers(as(admin, true)).retrieve().body(JsonNode.class);
    }

    /** A token of the account with every permission (LUNA's {@code grant_all_permissions}); answers id and JWT. */
    public JsonNode createToken(UUID accountId, String description) {
        return accounts.post().uri("/1/accounts/tokens?grant_all_permissions=1").headers(as(accountId, false))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("description", description == null ? "" : description)).retrieve().body(JsonNode.class);
    }

    /** Revokes a token of this account (404 for another account's token, even an admin's own). */
    public void revokeToken(UUID accountId, UUID tokenId) {
        accounts.get().uri("/1/accounts/tokens/{id}", tokenId).headers(as(accountId, false)).retrieve().toBodilessEntity();
        accounts.delete().uri("/1/accounts/tokens/{id}", tokenId).headers(as(accountId, false)).retrieve().toBodilessEntity();
    }

    private static Consumer<HttpHeaders> as(UUID account, boolean everyAccount) {
        return headers -> {
            headers.set(PlatformHeaders.ACCOUNT_ID, account.toString());
            headers.set(PlatformHeaders.VISIBILITY, everyAccount ? "all" : "account");
        };
    }
}
