package io.selene.api.auth;

import java.util.Map;

import io.selene.commons.client.InternalClients;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Asks accounts-service ({@code POST /1/auth}) who a credential stands for; its 401s come back as LunaExceptions. */
@Component
public class AccountsAuthClient {

    private final RestClient accounts;

    public AccountsAuthClient(InternalClients clients) {
        this.accounts = clients.restClient("accounts-service");
    }

    public Principal authorization(String header) {
        return call(Map.of("authorization", header));
    }

    public Principal legacyAccount(String accountId) {
        return call(Map.of("account_id", accountId));
    }

    private Principal call(Map<String, String> body) {
        return accounts.post().uri("/1/auth").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(Principal.class);
    }
}
