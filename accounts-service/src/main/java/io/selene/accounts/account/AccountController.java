package io.selene.accounts.account;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.json.StrictJson;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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

/** {@code /1/accounts}: the API's {@code /6/accounts} routes are proxied here. */
@RestController
@Tag(name = "accounts")
public class AccountController {

    private static final FilterSpec LIST_FILTERS = FilterSpec.paged()
            .value("account_id", ValueType.UUID)
            .value("login", ValueType.STRING)
            .value("login_contains", ValueType.STRING)
            .value("account_type", ValueType.STRING)
            .value("description", ValueType.STRING)
            .range("create_time", ValueType.TIMESTAMP)
            .range("last_update_time", ValueType.TIMESTAMP)
            .list("targets", ValueType.STRING, 7);
    private static final FilterSpec ONE = FilterSpec.unpaged().list("targets", ValueType.STRING, 7);
    private static final List<String> FIELDS = List.of("account_id", "login", "account_type", "description",
            "create_time", "last_update_time", "blocked");

    private final AccountService service;
    private final AccountRepository repository;
    private final Clock clock;
    private final StrictJson strict;

    public AccountController(AccountService service, AccountRepository repository, Clock clock, StrictJson strict) {
        this.service = service;
        this.repository = repository;
        this.clock = clock;
        this.strict = strict;
    }

    @PostMapping(path = "/1/accounts", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create an account (admin only). Body: login (e-mail), password, account_type "
            + "(user|advanced_user|admin, default user), description")
    public ResponseEntity<Map<String, Object>> create(AccountContext context, @RequestBody JsonNode json) {
        Account caller = service.caller(context);
        NewAccount body = strict.read(json, NewAccount.class);
        AccountType type = body.accountType() == null ? AccountType.USER
                : AccountType.parse("account_type", body.accountType());
        Account account = service.create(caller, Logins.normalize("login", body.login()), body.password(), type,
                body.description() == null ? "" : body.description());
        return ResponseEntity.created(URI.create("/1/accounts/" + account.accountId()))
                .body(Map.of("account_id", account.accountId()));
    }

    @GetMapping(path = "/1/accounts", produces = "application/json")
    @Operation(summary = "List accounts: a user sees itself; advanced users and admins see every account. "
            + "Filters: account_id, login, login_contains (part of the login; Selene's), account_type, "
            + "description (substring), create_time__gte/__lt, "
            + "last_update_time__gte/__lt, targets (fields to answer), page, page_size")
    public Map<String, Object> list(AccountContext context, HttpServletRequest request) {
        Filters filters = LIST_FILTERS.parse(request.getParameterMap(), clock);
        Optional<UUID> scope = context.readScope(filters.value("account_id"));
        AccountType type = filters.<String>value("account_type")
                .map(t -> {
                    try {
                        return AccountType.parse("account_type", t);
                    } catch (RuntimeException e) {
                        throw io.selene.commons.error.PlatformErrors.BAD_QUERY.exception(
                                "Bad value '" + t + "' of parameter 'account_type': expected user, advanced_user or admin");
                    }
                }).orElse(null);
        String login = filters.<String>value("login").map(l -> l.trim().toLowerCase()).orElse(null);
        String loginContains = filters.<String>value("login_contains").map(l -> l.trim().toLowerCase()).orElse(null);
        AccountRepository.Query query = new AccountRepository.Query(scope.orElse(null), login, loginContains, type,
                filters.<String>value("description").orElse(null),
                filters.<Instant>range("create_time").orElse(null),
                filters.<Instant>range("last_update_time").orElse(null));
        List<String> targets = targets(filters);
        List<Map<String, Object>> page = repository.list(query, filters.page()).stream()
                .map(account -> fields(account.view(), targets)).toList();
        return Map.of("accounts", page, "count", repository.count(query));
    }

    /** LUNA's {@code targets}: the fields to answer (all when absent). */
    private static List<String> targets(Filters filters) {
        List<String> targets = filters.<String>list("targets").orElse(FIELDS);
        for (String target : targets) {
            if (!FIELDS.contains(target)) {
                throw io.selene.commons.error.PlatformErrors.BAD_QUERY.exception("Bad value '" + target
                        + "' of parameter 'targets': expected some of " + FIELDS);
            }
        }
        return targets;
    }

    private static Map<String, Object> fields(AccountView view, List<String> targets) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("account_id", view.accountId());
        all.put("login", view.login());
        all.put("account_type", view.accountType());
        all.put("description", view.description());
        all.put("create_time", view.createTime());
        all.put("last_update_time", view.lastUpdateTime());
        all.put("blocked", view.blocked());
        all.keySet().retainAll(targets);
        return all;
    }

    @GetMapping(path = "/1/accounts/{account_id}", produces = "application/json")
    @Operation(summary = "Get an account (never its password)")
    public Map<String, Object> get(AccountContext context, @PathVariable("account_id") UUID accountId,
            HttpServletRequest request) {
        List<String> targets = targets(ONE.parse(request.getParameterMap(), clock));
        return fields(service.get(context, accountId).view(), targets);
    }

    @PatchMapping(path = "/1/accounts/{account_id}", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Change login, password or description of one's own account (any account for an "
            + "admin); only an admin changes account_type and blocked (a blocked account can neither log in nor use "
            + "its tokens)")
    public AccountView patch(AccountContext context, @PathVariable("account_id") UUID accountId,
            @RequestBody JsonNode json) {
        Account caller = service.caller(context);
        AccountPatch body = strict.read(json, AccountPatch.class);
        if (json.isEmpty()) {
            throw io.selene.commons.error.PlatformErrors.BAD_BODY.exception(
                    "Nothing to change: give login, password, account_type or description");
        }
        AccountService.Changes changes = new AccountService.Changes(
                body.login() == null ? null : Logins.normalize("login", body.login()), body.password(),
                body.accountType() == null ? null : AccountType.parse("account_type", body.accountType()),
                body.description(), body.blocked());
        return service.patch(caller, accountId, changes).view();
    }

    @DeleteMapping(path = "/1/accounts/{account_id}")
    @Operation(summary = "Delete an account and its tokens (one's own, or any for an admin)")
    public ResponseEntity<Void> delete(AccountContext context, @PathVariable("account_id") UUID accountId) {
        service.delete(service.caller(context), accountId);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
