package io.selene.accounts.token;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.accounts.account.AccountService;
import io.selene.commons.account.AccountContext;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /1/accounts/tokens}: the API's {@code /6/accounts/tokens} routes are proxied here. The path
 * follows LUNA's public {@code /6/accounts/tokens} (inferred in luna-api.md); the literal segment
 * {@code tokens} never collides with an account id, which is a UUID.
 */
@RestController
@Tag(name = "tokens")
public class TokenController {

    private static final FilterSpec WRITE_QUERY = FilterSpec.unpaged().value("grant_all_permissions", ValueType.BOOLEAN);
    private static final FilterSpec LIST_QUERY = FilterSpec.paged().value("account_id", ValueType.UUID);

    private final TokenService service;
    private final TokenRepository repository;
    private final AccountService accounts;
    private final Clock clock;

    public TokenController(TokenService service, TokenRepository repository, AccountService accounts, Clock clock) {
        this.service = service;
        this.repository = repository;
        this.accounts = accounts;
        this.clock = clock;
    }

    @PostMapping(path = "/1/accounts/tokens", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create a token: description, expiration_time (RFC 3339 or null = never), visibility_area "
            + "(account|all), permissions {object: [actions]} or ?grant_all_permissions=1. Answers token_id and "
            + "the JWT to send as 'Authorization: Bearer <token>'")
    public ResponseEntity<Map<String, Object>> create(AccountContext context, HttpServletRequest request,
            @RequestBody JsonNode body) {
        TokenService.Issued issued = service.create(accounts.caller(context), body, grantAll(request));
        return ResponseEntity.created(URI.create("/1/accounts/tokens/" + issued.token().tokenId()))
                .body(issued(issued));
    }

    @GetMapping(path = "/1/accounts/tokens", produces = "application/json")
    @Operation(summary = "List the caller's tokens (account_id=… for another account needs visibility all)")
    public Map<String, Object> list(AccountContext context, HttpServletRequest request) {
        Filters filters = LIST_QUERY.parse(request.getParameterMap(), clock);
        Optional<UUID> scope = context.readScope(filters.value("account_id"));
        UUID account = scope.orElse(null);
        return Map.of("tokens", repository.list(account, filters.page()).stream().map(TokenView::of).toList(),
                "count", repository.count(account));
    }

    @GetMapping(path = "/1/accounts/tokens/{token_id}", produces = "application/json")
    @Operation(summary = "Get a token (without its JWT)")
    public TokenView get(AccountContext context, @PathVariable("token_id") UUID tokenId) {
        return TokenView.of(service.get(context, tokenId));
    }

    @PutMapping(path = "/1/accounts/tokens/{token_id}", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Replace a token's description, expiration, visibility and permissions; the JWT already "
            + "handed out keeps working with the new rights")
    public Map<String, Object> replace(AccountContext context, HttpServletRequest request,
            @PathVariable("token_id") UUID tokenId, @RequestBody JsonNode body) {
        return issued(service.replace(accounts.caller(context), tokenId, body, grantAll(request)));
    }

    @DeleteMapping(path = "/1/accounts/tokens/{token_id}")
    @Operation(summary = "Revoke a token: it is refused from this moment on")
    public ResponseEntity<Void> revoke(AccountContext context, @PathVariable("token_id") UUID tokenId) {
        service.revoke(accounts.caller(context), tokenId);
        return ResponseEntity.noContent().build();
    }

    private boolean grantAll(HttpServletRequest request) {
        return WRITE_QUERY.parse(request.getParameterMap(), clock).<Boolean>value("grant_all_permissions")
                .orElse(false);
    }

    private static Map<String, Object> issued(TokenService.Issued issued) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token_id", issued.token().tokenId());
        answer.put("token", issued.jwt());
        answer.put("expiration_time", issued.token().expirationTime());
        return answer;
    }
}
