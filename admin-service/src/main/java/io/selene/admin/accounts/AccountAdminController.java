package io.selene.admin.accounts;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.admin.caller.Admins;
import io.selene.commons.json.StrictJson;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API's accounts ({@code /6/admin/accounts...} at the gateway): search and pages, create,
 * change type, password or description, delete, per-account counts, and the account's tokens. accounts-service
 * checks and answers each change; its errors come back unchanged.
 */
@RestController
@Tag(name = "admin accounts")
public class AccountAdminController {

    private static final FilterSpec LIST = FilterSpec.paged().value("login_contains", ValueType.STRING)
            .value("account_type", ValueType.STRING);
    private static final FilterSpec PAGED = FilterSpec.paged();

    private final AccountsClient accounts;
    private final AccountCounts counts;
    private final AccountErasure erasure;
    private final Clock clock;
    private final StrictJson strict;

    public AccountAdminController(AccountsClient accounts, AccountCounts counts, AccountErasure erasure, Clock clock,
            StrictJson strict) {
        this.strict = strict;
        this.accounts = accounts;
        this.counts = counts;
        this.erasure = erasure;
        this.clock = clock;
    }

    @GetMapping(path = "/1/accounts", produces = "application/json")
    @Operation(summary = "Accounts of the platform: login_contains (part of the login), account_type, page, page_size")
    public JsonNode list(HttpServletRequest request) {
        Filters filters = LIST.parse(request.getParameterMap(), clock);
        return accounts.list(Admins.of(request).accountId(), new AccountsClient.Search(
                filters.<String>value("login_contains").orElse(null), filters.<String>value("account_type").orElse(null),
                filters.page().page(), filters.page().pageSize()));
    }

    @PostMapping(path = "/1/accounts", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create an account: login (e-mail), password, account_type (user|advanced_user|admin), description")
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request, @RequestBody JsonNode json) {
        AccountBodies.NewAccount body = strict.read(json, AccountBodies.NewAccount.class);
        UUID id = accounts.create(Admins.of(request).accountId(), body.login(), body.password(),
                body.accountType() == null ? "user" : body.accountType(),
                body.description() == null ? "" : body.description());
        return ResponseEntity.created(URI.create("/1/accounts/" + id)).body(Map.of("account_id", id));
    }

    @GetMapping(path = "/1/accounts/{account_id}", produces = "application/json")
    @Operation(summary = "An account with its counts of faces, lists, events, handlers and verifiers (null: the owner "
            + "did not answer)")
    public JsonNode get(HttpServletRequest request, @PathVariable("account_id") UUID accountId) {
        JsonNode account = accounts.get(Admins.of(request).accountId(), accountId);
        ((ObjectNode) account).putPOJO("counts", counts.of(accountId));
        return account;
    }

    @PatchMapping(path = "/1/accounts/{account_id}", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Change an account's account_type, password, login or description, or block it (blocked: "
            + "true; it can then neither log in nor use its tokens) and unblock it")
    public JsonNode patch(HttpServletRequest request, @PathVariable("account_id") UUID accountId,
            @RequestBody JsonNode json) {
        AccountBodies.AccountPatch body = strict.read(json, AccountBodies.AccountPatch.class);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("login", body.login());
        changes.put("password", body.password());
        changes.put("description", body.description());
        changes.put("account_type", body.accountType());
        changes.put("blocked", body.blocked());
        changes.values().removeIf(java.util.Objects::isNull);
        return accounts.patch(Admins.of(request).accountId(), accountId, changes);
    }

    @DeleteMapping(path = "/1/accounts/{account_id}", produces = "application/json")
    @Operation(summary = "Delete an account with everything it has: it is blocked at once, then erased by the "
            + "account_erasure task (202 {task_id}; follow it at /6/tasks/{task_id})")
    public ResponseEntity<Map<String, Object>> delete(HttpServletRequest request,
            @PathVariable("account_id") UUID accountId) {
        UUID admin = Admins.of(request).accountId();
        accounts.get(admin, accountId);
        long task = erasure.start(admin, accountId);
        return ResponseEntity.accepted().location(URI.create("/6/tasks/" + task)).body(Map.of("task_id", task));
    }

    @GetMapping(path = "/1/accounts/{account_id}/tokens", produces = "application/json")
    @Operation(summary = "The account's tokens (never their JWTs): page, page_size")
    public JsonNode tokens(HttpServletRequest request, @PathVariable("account_id") UUID accountId) {
        Filters filters = PAGED.parse(request.getParameterMap(), clock);
        UUID admin = Admins.of(request).accountId();
        accounts.get(admin, accountId);
        return accounts.tokens(admin, accountId, filters.page().page(), filters.page().pageSize());
    }

    @PostMapping(path = "/1/accounts/{account_id}/tokens", produces = "application/json")
    @Operation(summary = "A token with every permission for the account: {description}; answers token_id and the JWT")
    public ResponseEntity<JsonNode> createToken(HttpServletRequest request, @PathVariable("account_id") UUID accountId,
            @RequestBody(required = false) JsonNode json) {
        AccountBodies.NewToken body = json == null || json.isNull() ? new AccountBodies.NewToken(null)
                : strict.read(json, AccountBodies.NewToken.class);
        String description = body.description() == null ? "" : body.description();
        accounts.get(Admins.of(request).accountId(), accountId);
        JsonNode token = accounts.createToken(accountId, description);
        return ResponseEntity.created(URI.create("/1/accounts/" + accountId + "/tokens/"
                + token.path("token_id").asString())).body(token);
    }

    @DeleteMapping(path = "/1/accounts/{account_id}/tokens/{token_id}")
    @Operation(summary = "Revoke one of the account's tokens: refused from this moment on")
    public ResponseEntity<Void> revokeToken(HttpServletRequest request, @PathVariable("account_id") UUID accountId,
            @PathVariable("token_id") UUID tokenId) {
        accounts.get(Admins.of(request).accountId(), accountId);
        accounts.revokeToken(accountId, tokenId);
        return ResponseEntity.noContent().build();
    }
}
