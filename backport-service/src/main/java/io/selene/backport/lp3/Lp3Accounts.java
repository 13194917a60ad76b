package io.selene.backport.lp3;

import static io.selene.backport.Downstream.ACCOUNTS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.backport.Downstream;
import io.selene.backport.Legacy;
import io.selene.commons.account.AccountContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * LP3's accounts and tokens on accounts-service: an LP3 account is a {@code user} account (login = e-mail,
 * description = organization name) and an LP3 token is an accounts-service token with every permission whose
 * JWT LP3 clients send as {@code X-Auth-Token} (the gateway accepts it on {@code /4}).
 */
@RestController
public class Lp3Accounts {

    private final Downstream downstream;

    public Lp3Accounts(Downstream downstream) {
        this.downstream = downstream;
    }

    /** LP3 registered accounts itself; here the admin does (as with POST /6/accounts), and gets the first token. */
    @PostMapping("/4/accounts")
    public ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        Legacy.requireObject(body);
        String email = Legacy.text(body, "email", 128);
        String password = Legacy.text(body, "password", 128);
        String organization = Legacy.text(body, "organization_name", 128);
        if (email == null || password == null || organization == null) {
            throw io.selene.backport.BackportErrors.BAD_LEGACY_BODY.exception("email, password, organization_name",
                    "all three are required");
        }
        JsonNode created = downstream.json(ACCOUNTS, HttpMethod.POST, "/1/accounts", null,
                Map.of("login", email, "password", password, "account_type", "user", "description", organization));
        UUID account = UUID.fromString(created.get("account_id").asString());
        JsonNode token = downstream.jsonAs(account, ACCOUNTS, HttpMethod.POST, "/1/accounts/tokens",
                Downstream.query("grant_all_permissions", "1"), Map.of("description", "LUNA PLATFORM 3 token"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("account_id", account.toString());
        answer.put("token_id", token.get("token_id").asString());
        answer.put("token", token.get("token").asString());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @GetMapping("/4/account")
    public Map<String, Object> account(AccountContext context) {
        JsonNode account = downstream.get(ACCOUNTS, "/1/accounts/" + context.requireAccount(), null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("account_id", account.get("account_id").asString());
        answer.put("email", account.get("login").asString());
        answer.put("organization_name", account.path("description").asString(""));
        answer.put("suspended", account.path("blocked").asBoolean(false));
        return answer;
    }

    @PostMapping("/4/account/tokens")
    public ResponseEntity<Map<String, Object>> createToken(@RequestBody(required = false) JsonNode body) {
        String data = body == null ? "" : Legacy.text(body, "token_data", 128);
        JsonNode token = downstream.json(ACCOUNTS, HttpMethod.POST, "/1/accounts/tokens",
                Downstream.query("grant_all_permissions", "1"), Map.of("description", data == null ? "" : data));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("token_id", token.get("token_id").asString(),
                "token", token.get("token").asString()));
    }

    @GetMapping("/4/account/tokens")
    public Map<String, Object> tokens() {
        JsonNode tokens = downstream.get(ACCOUNTS, "/1/accounts/tokens", Downstream.query("page_size", "100"));
        List<Map<String, Object>> answer = new ArrayList<>();
        tokens.get("tokens").forEach(token -> answer.add(view(token)));
        return Map.of("tokens", answer);
    }

    @GetMapping("/4/account/tokens/{token_id}")
    public Map<String, Object> token(@PathVariable("token_id") String tokenId) {
        return view(downstream.get(ACCOUNTS, "/1/accounts/tokens/" + Legacy.uuid("token_id", tokenId), null));
    }

    /** LP3 changes only the token's data: its rights, visibility and expiry stay. */
    @PatchMapping("/4/account/tokens/{token_id}")
    public ResponseEntity<Void> patchToken(@PathVariable("token_id") String tokenId,
            @RequestBody(required = false) JsonNode body) {
        Legacy.requireObject(body);
        String data = Legacy.text(body, "token_data", 128);
        UUID id = Legacy.uuid("token_id", tokenId);
        JsonNode token = downstream.get(ACCOUNTS, "/1/accounts/tokens/" + id, null);
        Map<String, Object> replacement = new LinkedHashMap<>();
        replacement.put("description", data == null ? "" : data);
        replacement.put("permissions", token.get("permissions"));
        replacement.put("visibility_area", token.get("visibility_area"));
        replacement.put("expiration_time", token.get("expiration_time"));
        downstream.json(ACCOUNTS, HttpMethod.PUT, "/1/accounts/tokens/" + id, null, replacement);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/4/account/tokens/{token_id}")
    public ResponseEntity<Void> deleteToken(@PathVariable("token_id") String tokenId) {
        downstream.json(ACCOUNTS, HttpMethod.DELETE, "/1/accounts/tokens/" + Legacy.uuid("token_id", tokenId), null,
                null);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> view(JsonNode token) {
        return Map.of("token_id", token.get("token_id").asString(), "token_data",
                token.path("description").asString(""));
    }
}
