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
 * transaction under the feed lock. The matcher still learns that the lists and faces are gone: each list
 * gets a {@code list_delete} and each face a list-less {@code face_delete}, all with the nil account,
 * which names no one (its whole-account gallery empties and is dropped).
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
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // before the faces go: their ids are the tombstones' only content
        jdbc.sql("""
                INSERT INTO change (account_id, action, list_id, face_id, change_time)
                SELECT :nobody, :action, NULL, face_id, :time FROM face WHERE account_id = :account ORDER BY face_id""")
                .param("nobody", NOBODY).param("action", ChangeLog.FACE_DELETE).param("time", now)
                .param("account", account).update();
        long deleted = AccountRows.delete(jdbc, account, List.of("change", "face", "list", "idempotency_key"));
        changes.record(NOBODY, lists.stream().map(list -> new ChangeLog.Change(ChangeLog.LIST_DELETE, list, null))
                .toList(), now);
        return Map.of("deleted", deleted);
    }
}
