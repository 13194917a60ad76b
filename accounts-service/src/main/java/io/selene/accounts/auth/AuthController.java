package io.selene.accounts.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.selene.accounts.AccountsErrors;
import io.selene.accounts.account.Account;
import io.selene.accounts.account.AccountRepository;
import io.selene.accounts.account.AccountService;
import io.selene.accounts.account.PasswordHasher;
import io.selene.accounts.token.Permissions;
import io.selene.accounts.token.Token;
import io.selene.accounts.token.TokenRepository;
import io.selene.accounts.token.TokenSigner;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.Reasons;
import io.selene.commons.json.StrictJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /1/auth}: the gateway asks who an {@code Authorization} header (Basic login:password or
 * Bearer JWT) or a legacy {@code Luna-Account-Id} stands for. Internal only (shared secret), never
 * proxied under {@code /6}. A Bearer token is checked against the store on every call, so revocation
 * and expiry take effect at once.
 */
@RestController
@Tag(name = "auth")
public class AuthController {

    private final AccountRepository accounts;
    private final TokenRepository tokens;
    private final TokenSigner signer;
    private final PasswordHasher hasher;
    private final AccountService service;

    private final StrictJson strict;

    public AuthController(AccountRepository accounts, TokenRepository tokens, TokenSigner signer,
            PasswordHasher hasher, AccountService service, StrictJson strict) {
        this.strict = strict;
        this.accounts = accounts;
        this.tokens = tokens;
        this.signer = signer;
        this.hasher = hasher;
        this.service = service;
    }

    @PostMapping(path = "/1/auth", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Resolve {\"authorization\": \"Basic …|Bearer …\"} or {\"account_id\": \"…\"} (legacy "
            + "Luna-Account-Id) to the principal: account_id, account_type, visibility, permissions, token_id")
    public Principal authenticate(@RequestBody JsonNode json) {
        AuthRequest body = strict.read(json, AuthRequest.class);
        String authorization = body.authorization();
        String raw = authorization == null ? body.accountId() : null;
        if (authorization == null && raw == null) {
            throw JsonFields.bad("account_id", Reasons.REQUIRED);
        }
        if (authorization != null) {
            String header = authorization.trim();
            int space = header.indexOf(' ');
            String scheme = space < 0 ? header : header.substring(0, space);
            String credentials = space < 0 ? "" : header.substring(space + 1).trim();
            if ("Basic".equalsIgnoreCase(scheme)) {
                return basic(credentials);
            }
            if ("Bearer".equalsIgnoreCase(scheme)) {
                return bearer(credentials);
            }
            throw AccountsErrors.BAD_AUTHORIZATION.exception("scheme must be Basic or Bearer");
        }
        UUID accountId;
        try {
            accountId = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw AccountsErrors.UNKNOWN_ACCOUNT.exception(raw);
        }
        Account account = unblocked(accounts.find(accountId)
                .orElseThrow(() -> AccountsErrors.UNKNOWN_ACCOUNT.exception(raw)));
        // The legacy header proves nothing about the caller: it never gets more than its own account's data.
        return new Principal(account.accountId(), account.accountType().json(), account.login(), "account",
                Permissions.everything(), null);
    }

    private Principal basic(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AccountsErrors.BAD_AUTHORIZATION.exception("Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw AccountsErrors.BAD_AUTHORIZATION.exception("Basic credentials must be login:password");
        }
        String login = decoded.substring(0, colon).trim().toLowerCase();
        String password = decoded.substring(colon + 1);
        Account account = accounts.findByLogin(login).orElse(null);
        if (account == null) {
            hasher.burn(password);
            throw AccountsErrors.BAD_CREDENTIALS.exception();
        }
        if (!hasher.matches(password, account.passwordHash())) {
            throw AccountsErrors.BAD_CREDENTIALS.exception();
        }
        unblocked(account); // only after the password: a wrong one learns nothing about the account
        return new Principal(account.accountId(), account.accountType().json(), account.login(),
                account.accountType().seesAllAccounts() ? "all" : "account", Permissions.everything(), null);
    }

    private Principal bearer(String jwt) {
        TokenSigner.Claims claims = signer.verify(jwt);
        Token token = tokens.find(claims.tokenId())
                .orElseThrow(() -> AccountsErrors.TOKEN_REVOKED.exception(claims.tokenId()));
        if (!token.accountId().equals(claims.accountId())) {
            throw AccountsErrors.TOKEN_INVALID.exception("account mismatch");
        }
        if (token.expiredAt(service.now())) {
            throw AccountsErrors.TOKEN_EXPIRED.exception(token.tokenId());
        }
        Account account = unblocked(accounts.find(token.accountId())
                .orElseThrow(() -> AccountsErrors.TOKEN_REVOKED.exception(claims.tokenId())));
        // Visibility "all" also needs the account type that allows it now (it may have been demoted since).
        boolean all = "all".equals(token.visibilityArea()) && account.accountType().seesAllAccounts();
        return new Principal(account.accountId(), account.accountType().json(), account.login(),
                all ? "all" : "account", token.permissions(), token.tokenId());
    }

    /** A blocked account neither logs in nor uses its tokens (403 11016). */
    private static Account unblocked(Account account) {
        if (account.blocked()) {
            throw AccountsErrors.ACCOUNT_BLOCKED.exception(account.login());
        }
        return account;
    }
}
