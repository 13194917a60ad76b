package io.selene.faces.erasure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.sql.AccountRows;
import io.selene.faces.changes.ChangeLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /3/accounts/{account_id}/data} (internal: tasks-service's account erasure): every face,
 * descriptor, list, link and idempotency key of the account, and its rows of the change feed, in one
 * transaction under the feed lock. The matcher still learns that the lists are gone: each gets a
 * {@code list_delete} with the nil account, which names no one.
 */
@RestController
@Tag(name = "erasure")
public class AccountErasureController {

    /** The account of the tombstones an erasure leaves in the change feed. */
    static final UUID NOBODY = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final ChangeLog changes;
    private final Clock clock;

    public AccountErasureController(JdbcClient jdbc, ChangeLog changes, Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.clock = clock;
    }

    @DeleteMapping("/3/accounts/{account_id}/data")
    @Transactional
    @Operation(summary = "Erase everything of an account (internal, for the account erasure task): {\"deleted\": rows}")
    public Map<String, Object> erase(@PathVariable("account_id") UUID account) {
        changes.lock();
        List<UUID> lists = jdbc.sql("SELECT list_id FROM list WHERE account_id = ?").param(account)
                .query(UUID.class).list();
        long deleted = AccountRows.delete(jdbc, account, List.of("change", "face", "list", "idempotency_key"));
        changes.record(NOBODY, lists.stream().map(list -> new ChangeLog.Change(ChangeLog.LIST_DELETE, list, null))
                .toList(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return Map.of("deleted", deleted);
    }
}
