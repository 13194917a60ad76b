package io.selene.admin.caller;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.selene.admin.AdminErrors;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.LunaException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Who may use admin-service: an admin account, as accounts-service says now (checked on every request,
 * so a demoted or deleted admin loses the pages and the API at once).
 */
@Component
public class Admins {

    /** An admin as accounts-service answered it. */
    public record Admin(UUID accountId, String login) {
    }

    /** Request attribute: the {@link Admin} acting, set by the API filter or the pages' session filter. */
    public static final String ATTRIBUTE = Admins.class.getName() + ".admin";

    private final RestClient accounts;

    public Admins(InternalClients clients) {
        this.accounts = clients.restClient("accounts-service");
    }

    /** The admin with this id; 403 (35001) for any other account, 401 (35002) for one that no longer exists. */
    public Admin require(UUID accountId) {
        JsonNode account;
        try {
            account = accounts.get().uri("/1/accounts/{id}?targets=login,account_type,blocked", accountId)
                    .header(PlatformHeaders.ACCOUNT_ID, accountId.toString())
                    .header(PlatformHeaders.VISIBILITY, "account")
                    .retrieve().body(JsonNode.class);
        } catch (LunaException e) {
            if (e.status().value() == 404) {
                throw AdminErrors.LOGIN_REQUIRED.exception();
            }
            throw e;
        }
        return checked(accountId, account);
    }

    /**
     * Login and password checked by accounts-service ({@code POST /1/auth}); a wrong pair answers its 401,
     * a non-admin 403. The password goes only into that request's body.
     */
    public Admin login(String login, String password) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((login + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        JsonNode principal = accounts.post().uri("/1/auth").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("authorization", basic)).retrieve().body(JsonNode.class);
        return checked(UUID.fromString(principal.path("account_id").asString()), principal);
    }

    /** The admin acting on a request the API or session filter let through. */
    public static Admin of(HttpServletRequest request) {
        if (!(request.getAttribute(ATTRIBUTE) instanceof Admin admin)) {
            throw AdminErrors.LOGIN_REQUIRED.exception();
        }
        return admin;
    }

    private static Admin checked(UUID accountId, JsonNode account) {
        String login = account == null ? "" : account.path("login").asString("");
        if (account == null || !"admin".equals(account.path("account_type").asString(""))) {
            throw AdminErrors.NOT_ADMIN.exception(login.isEmpty() ? accountId : login);
        }
        if (account.path("blocked").asBoolean(false)) {
            throw AdminErrors.BLOCKED.exception(login);
        }
        return new Admin(accountId, login);
    }
}
