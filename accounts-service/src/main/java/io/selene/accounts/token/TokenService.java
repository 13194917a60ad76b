package io.selene.accounts.token;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.accounts.AccountsErrors;
import io.selene.accounts.account.Account;
import io.selene.accounts.account.AccountService;
import io.selene.accounts.account.AccountType;
import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Token lifecycle. A token belongs to the account that made it; only that account (or an admin)
 * replaces or revokes it. A {@code user} account cannot make a token that sees every account.
 */
@Service
public class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    private final TokenRepository tokens;
    private final TokenSigner signer;
    private final AccountService accounts;
    private final StrictJson strict;

    public TokenService(TokenRepository tokens, TokenSigner signer, AccountService accounts, StrictJson strict) {
        this.strict = strict;
        this.tokens = tokens;
        this.signer = signer;
        this.accounts = accounts;
    }

    /** A token and its JWT (the JWT is only handed out on creation and replacement). */
    public record Issued(Token token, String jwt) {
    }

    /** The writable fields of a token, parsed from a POST or PUT body. */
    private record Spec(String description, OffsetDateTime expirationTime, String visibilityArea,
            Map<String, List<String>> permissions) {
    }

    public Issued create(Account caller, JsonNode json, boolean grantAll) {
        Spec spec = parse(caller, json, grantAll);
        OffsetDateTime now = accounts.now();
        Token token = new Token(UUID.randomUUID(), caller.accountId(), spec.description(), spec.expirationTime(),
                spec.visibilityArea(), spec.permissions(), now, now);
        tokens.insert(token);
        log.info("Token {} created for account {}", token.tokenId(), caller.accountId());
        return new Issued(token, signer.sign(token));
    }

    public Token get(AccountContext context, UUID tokenId) {
        Token token = tokens.find(tokenId).orElseThrow(() -> AccountsErrors.TOKEN_NOT_FOUND.exception(tokenId));
        if (!context.canSee(token.accountId())) {
            throw AccountsErrors.TOKEN_NOT_FOUND.exception(tokenId);
        }
        return token;
    }

    public Issued replace(Account caller, UUID tokenId, JsonNode json, boolean grantAll) {
        Token old = owned(caller, tokenId);
        Spec spec = parse(accountOf(old, caller), json, grantAll);
        Token replaced = new Token(old.tokenId(), old.accountId(), spec.description(), spec.expirationTime(),
                spec.visibilityArea(), spec.permissions(), old.createTime(), accounts.now());
        tokens.replace(replaced);
        log.info("Token {} replaced by account {}", tokenId, caller.accountId());
        return new Issued(replaced, signer.sign(replaced));
    }

    public void revoke(Account caller, UUID tokenId) {
        owned(caller, tokenId);
        tokens.delete(tokenId);
        log.info("Token {} revoked by account {}", tokenId, caller.accountId());
    }

    private Token owned(Account caller, UUID tokenId) {
        Token token = tokens.find(tokenId).orElseThrow(() -> AccountsErrors.TOKEN_NOT_FOUND.exception(tokenId));
        if (!token.accountId().equals(caller.accountId()) && caller.accountType() != AccountType.ADMIN) {
            throw AccountsErrors.TOKEN_NOT_FOUND.exception(tokenId);
        }
        return token;
    }

    /** The owner of a token an admin replaces: its visibility rules are the owner's, not the admin's. */
    private Account accountOf(Token token, Account caller) {
        if (token.accountId().equals(caller.accountId())) {
            return caller;
        }
        return accounts.get(new AccountContext(token.accountId(), io.selene.commons.account.Visibility.ACCOUNT),
                token.accountId());
    }

    private Spec parse(Account owner, JsonNode json, boolean grantAll) {
        TokenBody body = strict.read(json, TokenBody.class);
        String description = body.description() == null ? "" : body.description();
        OffsetDateTime expiration = null;
        String raw = body.expirationTime();
        if (raw != null) {
            try {
                expiration = OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                throw PlatformErrors.BAD_BODY.exception("Field 'expiration_time' must be an RFC 3339 date-time with "
                        + "offset, e.g. 2030-01-01T00:00:00Z, or null");
            }
            if (!expiration.isAfter(accounts.now())) {
                throw PlatformErrors.BAD_BODY.exception("Field 'expiration_time' must be in the future");
            }
        }
        String visibility = body.visibilityArea() == null ? "account" : body.visibilityArea();
        if (visibility.equals("all") && !owner.accountType().seesAllAccounts()) {
            throw AccountsErrors.FORBIDDEN.exception("A token with visibility_area 'all' needs an advanced_user or "
                    + "admin account");
        }
        Map<String, List<String>> permissions;
        if (grantAll) {
            permissions = Permissions.allGrantable();
        } else {
            JsonNode given = body.permissions();
            if (given == null || given.isNull()) {
                throw JsonFields.bad("permissions", "is required (or use grant_all_permissions=1)");
            }
            permissions = Permissions.parse(given);
        }
        return new Spec(description, expiration, visibility, permissions);
    }
}
