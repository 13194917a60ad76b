package io.selene.accounts.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.selene.accounts.AccountsErrors;
import io.selene.commons.account.AccountContext;
import io.selene.commons.ids.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may do what with accounts. Only an admin creates accounts and changes account types; anyone
 * changes or deletes their own account; the last admin can be neither demoted nor deleted.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AccountService(AccountRepository accounts, PasswordHasher hasher, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.clock = clock;
    }

    public OffsetDateTime now() {
        return Ids.now(clock);
    }

    /** The calling account (as the gateway resolved it), which must still exist. */
    public Account caller(AccountContext context) {
        UUID id = context.requireAccount();
        return accounts.find(id).orElseThrow(() -> AccountsErrors.CALLER_UNKNOWN.exception(id));
    }

    public Account create(Account caller, String login, String password, AccountType type, String description) {
        if (caller.accountType() != AccountType.ADMIN) {
            throw AccountsErrors.FORBIDDEN.exception("Only an admin account can create accounts");
        }
        return createUnchecked(login, password, type, description);
    }

    /** Creates without a caller (the default admin at start-up). */
    public Account createUnchecked(String login, String password, AccountType type, String description) {
        OffsetDateTime now = now();
        Account account = new Account(UUID.randomUUID(), login, hasher.hash(password), type, description, now, now,
                false);
        if (!accounts.insert(account)) {
            throw AccountsErrors.LOGIN_TAKEN.exception(login);
        }
        log.info("Account {} created ({}, {})", account.accountId(), login, type.json());
        return account;
    }

    /** An account the caller may read: its own, or any for a caller that sees every account. */
    public Account get(AccountContext context, UUID accountId) {
        Account account = accounts.find(accountId)
                .orElseThrow(() -> AccountsErrors.ACCOUNT_NOT_FOUND.exception(accountId));
        if (!context.canSee(account.accountId())) {
            throw AccountsErrors.ACCOUNT_NOT_FOUND.exception(accountId);
        }
        return account;
    }

    /** Changes of a PATCH; a null field is left as it is. */
    public record Changes(String login, String password, AccountType accountType, String description,
            Boolean blocked) {
    }

    @Transactional
    public Account patch(Account caller, UUID accountId, Changes changes) {
        Account target = writable(caller, accountId);
        if (changes.accountType() != null && changes.accountType() != target.accountType()) {
            if (caller.accountType() != AccountType.ADMIN) {
                throw AccountsErrors.FORBIDDEN.exception("Only an admin account can change account types");
            }
            if (target.accountType() == AccountType.ADMIN && accounts.countAdminsOtherThan(target.accountId()) == 0) {
                throw AccountsErrors.LAST_ADMIN.exception(target.accountId());
            }
        }
        if (changes.blocked() != null && changes.blocked() != target.blocked()) {
            if (caller.accountType() != AccountType.ADMIN) {
                throw AccountsErrors.FORBIDDEN.exception("Only an admin account can block or unblock accounts");
            }
            if (changes.blocked() && target.accountId().equals(caller.accountId())) {
                throw AccountsErrors.FORBIDDEN.exception("An admin cannot block its own account");
            }
            if (changes.blocked() && target.accountType() == AccountType.ADMIN
                    && accounts.countAdminsOtherThan(target.accountId()) == 0) {
                throw AccountsErrors.LAST_ADMIN.exception(target.accountId());
            }
        }
        if (changes.login() != null && accounts.loginTakenByOther(changes.login(), target.accountId())) {
            throw AccountsErrors.LOGIN_TAKEN.exception(changes.login());
        }
        Account updated = new Account(target.accountId(),
                changes.login() == null ? target.login() : changes.login(),
                changes.password() == null ? target.passwordHash() : hasher.hash(changes.password()),
                changes.accountType() == null ? target.accountType() : changes.accountType(),
                changes.description() == null ? target.description() : changes.description(),
                target.createTime(), now(), changes.blocked() == null ? target.blocked() : changes.blocked());
        accounts.update(updated);
        log.info("Account {} updated by {}{}{}", accountId, caller.accountId(),
                changes.password() != null ? " (password changed)" : "",
                changes.blocked() == null || changes.blocked() == target.blocked() ? ""
                        : changes.blocked() ? " (blocked)" : " (unblocked)");
        return updated;
    }

    @Transactional
    public void delete(Account caller, UUID accountId) {
        Account target = writable(caller, accountId);
        if (target.accountType() == AccountType.ADMIN && accounts.countAdminsOtherThan(target.accountId()) == 0) {
            throw AccountsErrors.LAST_ADMIN.exception(target.accountId());
        }
        accounts.delete(target.accountId());
        log.info("Account {} deleted by {}", accountId, caller.accountId());
    }

    /** The caller's own account, or any account for an admin; others are "not found" to a user. */
    private Account writable(Account caller, UUID accountId) {
        Account target = accounts.find(accountId)
                .orElseThrow(() -> AccountsErrors.ACCOUNT_NOT_FOUND.exception(accountId));
        if (target.accountId().equals(caller.accountId()) || caller.accountType() == AccountType.ADMIN) {
            return target;
        }
        if (caller.accountType() == AccountType.USER) {
            throw AccountsErrors.ACCOUNT_NOT_FOUND.exception(accountId);
        }
        throw AccountsErrors.FORBIDDEN.exception("Only the account itself or an admin can change or delete account "
                + accountId);
    }
}
