package io.selene.commons.account;

import java.util.Optional;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.error.PlatformErrors;

/**
 * Who a request to an internal service acts for, as the gateway resolved it. A controller takes it
 * as a parameter; every read and write of account data goes through {@link #readScope} or
 * {@link #requireAccount}.
 *
 * @param accountId the caller's account, or {@code null} for a platform-internal call (e.g. the
 *                  matcher loading every descriptor)
 */
public record AccountContext(UUID accountId, Visibility visibility) {

    /** The account new objects belong to. */
    public UUID requireAccount() {
        if (accountId == null) {
            throw PlatformErrors.ACCOUNT_REQUIRED.exception("no " + PlatformHeaders.ACCOUNT_ID + " header");
        }
        return accountId;
    }

    /**
     * The account filter of a read: the caller's own account; or, for a caller that sees all
     * accounts, the {@code account_id} it asked for, or none (every account). A caller limited to
     * its account that asks for another one is refused.
     */
    public Optional<UUID> readScope(Optional<UUID> requested) {
        if (visibility == Visibility.ALL) {
            return requested;
        }
        UUID own = requireAccount();
        if (requested.isPresent() && !requested.get().equals(own)) {
            throw PlatformErrors.OTHER_ACCOUNT_FORBIDDEN.exception(requested.get());
        }
        return Optional.of(own);
    }

    /** Whether an object of {@code owner} is visible to this caller (404 otherwise, never 403: no existence leak). */
    public boolean canSee(UUID owner) {
        return visibility == Visibility.ALL || owner.equals(accountId);
    }

}
