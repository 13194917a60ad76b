package io.selene.admin.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.admin.accounts.AccountCounts;
import io.selene.admin.accounts.AccountErasure;
import io.selene.admin.accounts.AccountsClient;
import io.selene.admin.caller.Admins;
import io.selene.admin.maintenance.Maintenance;
import io.selene.commons.error.LunaException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts pages: the table (search by part of the login, filter by type, pages of 20), create, an
 * account's detail (counts, lists, tokens; change type, password and description; make and revoke tokens)
 * and deletion (blocked, then erased by a task) behind a confirmation page. Each form answers with a redirect and a message saying what
 * happened, or why not in words (accounts-service's error detail).
 */
@RestController
@Hidden
public class AccountsPages {

    private static final int PAGE_SIZE = 20;

    private final AccountsClient accounts;
    private final AccountCounts counts;
    private final AccountErasure erasure;
    private final Maintenance maintenance;
    private final Pages pages;
    private final JsonMapper json;

    public AccountsPages(AccountsClient accounts, AccountCounts counts, AccountErasure erasure, Maintenance maintenance,
            Pages pages, JsonMapper json) {
        this.accounts = accounts;
        this.maintenance = maintenance;
        this.counts = counts;
        this.erasure = erasure;
        this.pages = pages;
        this.json = json;
    }

    @GetMapping("/")
    public ResponseEntity<String> home(HttpServletRequest request) {
        return Pages.redirect(request, "/accounts");
    }

    @GetMapping("/accounts")
    public ResponseEntity<String> list(HttpServletRequest request, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "1") int page) {
        int current = Math.max(1, page);
        JsonNode answer = accounts.list(admin(request), new AccountsClient.Search(q, type, current, PAGE_SIZE));
        long count = answer.path("count").asLong();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("accounts", maps(answer.path("accounts")));
        model.put("count", count);
        model.put("q", q);
        model.put("type", type);
        model.put("page", current);
        model.put("pages", Math.max(1, (count + PAGE_SIZE - 1) / PAGE_SIZE));
        return pages.page(request, "accounts", "Accounts", model);
    }

    @PostMapping("/accounts")
    public ResponseEntity<String> create(HttpServletRequest request, @RequestParam(defaultValue = "") String login,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "user") String type,
            @RequestParam(defaultValue = "") String description) {
        try {
            UUID id = accounts.create(admin(request), login.trim(), password, type, description);
            Pages.flash(request, "Account " + login.trim() + " created.", false);
            return Pages.redirect(request, "/accounts/" + id);
        } catch (LunaException e) {
            Pages.flash(request, "Account not created: " + e.detail(), true);
            return Pages.redirect(request, "/accounts");
        }
    }

    @GetMapping("/accounts/{id}")
    public ResponseEntity<String> detail(HttpServletRequest request, @PathVariable UUID id) {
        UUID admin = admin(request);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("account", map(accounts.get(admin, id)));
        model.put("counts", counts.of(id));
        model.put("lists", counts.lists(id).stream().map(this::map).toList());
        model.put("tokens", maps(accounts.tokens(admin, id, 1, 100).path("tokens")));
        model.put("self", id.equals(admin));
        return pages.page(request, "account", "Account", model);
    }

    @PostMapping("/accounts/{id}")
    public ResponseEntity<String> update(HttpServletRequest request, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String description) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!type.isBlank()) {
            changes.put("account_type", type);
        }
        if (!password.isEmpty()) {
            changes.put("password", password);
        }
        if (description != null) {
            changes.put("description", description);
        }
        return act(request, "/accounts/" + id, () -> accounts.patch(admin(request), id, changes),
                password.isEmpty() ? "Account saved." : "Account saved; the new password applies from now on.");
    }

    @PostMapping("/accounts/{id}/block")
    public ResponseEntity<String> block(HttpServletRequest request, @PathVariable UUID id,
            @RequestParam(defaultValue = "true") boolean blocked) {
        return act(request, "/accounts/" + id, () -> accounts.patch(admin(request), id, Map.of("blocked", blocked)),
                blocked ? "Account blocked: it can neither log in nor use its tokens." : "Account unblocked.");
    }

    @PostMapping("/accounts/{id}/tokens")
    public ResponseEntity<String> createToken(HttpServletRequest request, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String description) {
        try {
            accounts.get(admin(request), id);
            JsonNode token = accounts.createToken(id, description);
            Pages.flash(request, "Token created. Copy it now, it is shown only once: " + token.path("token").asString(),
                    false);
        } catch (LunaException e) {
            Pages.flash(request, "Token not created: " + e.detail(), true);
        }
        return Pages.redirect(request, "/accounts/" + id);
    }

    @PostMapping("/accounts/{id}/tokens/{tokenId}/revoke")
    public ResponseEntity<String> revoke(HttpServletRequest request, @PathVariable UUID id, @PathVariable UUID tokenId) {
        return act(request, "/accounts/" + id, () -> {
            accounts.get(admin(request), id);
            accounts.revokeToken(id, tokenId);
        }, "Token " + tokenId + " revoked.");
    }

    @GetMapping("/accounts/{id}/delete")
    public ResponseEntity<String> confirmDelete(HttpServletRequest request, @PathVariable UUID id) {
        UUID admin = admin(request);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("account", map(accounts.get(admin, id)));
        model.put("counts", counts.of(id));
        return pages.page(request, "delete", "Delete account", model);
    }

    @PostMapping("/accounts/{id}/delete")
    public ResponseEntity<String> delete(HttpServletRequest request, @PathVariable UUID id) {
        try {
            String login = accounts.get(admin(request), id).path("login").asString();
            long task = erasure.start(admin(request), id);
            Pages.flash(request, "Account " + login + " is blocked and being erased by task " + task + ".", false);
            return Pages.redirect(request, "/tasks");
        } catch (LunaException e) {
            Pages.flash(request, "Account not deleted: " + e.detail(), true);
            return Pages.redirect(request, "/accounts/" + id);
        }
    }

    @PostMapping("/accounts/{id}/gc")
    public ResponseEntity<String> gc(HttpServletRequest request, @PathVariable UUID id,
            @RequestParam(name = "older_than_days", defaultValue = "") String days) {
        return startTask(request, id, "Events older than " + days.trim() + " days are being deleted by task ",
                () -> maintenance.gcEvents(admin(request), id, wholeNumber(days)));
    }

    @PostMapping("/accounts/{id}/additional_extract")
    public ResponseEntity<String> reextract(HttpServletRequest request, @PathVariable UUID id) {
        return startTask(request, id, "The missing face descriptors are being extracted by task ",
                () -> maintenance.reextractFaces(admin(request), id, null));
    }

    /** Starts a maintenance task and shows it on the tasks page, or says on the account's page why not. */
    private static ResponseEntity<String> startTask(HttpServletRequest request, UUID id, String started,
            java.util.function.LongSupplier start) {
        try {
            long task = start.getAsLong();
            Pages.flash(request, started + task + ".", false);
            return Pages.redirect(request, "/tasks");
        } catch (LunaException e) {
            Pages.flash(request, "Task not started: " + e.detail(), true);
            return Pages.redirect(request, "/accounts/" + id);
        }
    }

    /** A form's number, or -1 (refused by the range check with the field named) when it is none. */
    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ResponseEntity<String> act(HttpServletRequest request, String back, Runnable action, String done) {
        try {
            action.run();
            Pages.flash(request, done, false);
        } catch (LunaException e) {
            Pages.flash(request, "Not done: " + e.detail(), true);
        }
        return Pages.redirect(request, back);
    }

    private static UUID admin(HttpServletRequest request) {
        return Admins.of(request).accountId();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node) {
        return json.convertValue(node, Map.class);
    }

    private List<Map<String, Object>> maps(JsonNode array) {
        return array.valueStream().map(this::map).toList();
    }
}
