package io.selene.faces.changes;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.selene.commons.sql.PgArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The list rows every link and unlink locks and touches, whether a face is made with its lists or a
 * list links its faces: below both features, with the change feed they write.
 */
@Repository
public class ListRows {

    private final JdbcClient jdbc;

    public ListRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the lists among {@code ids} the account owns; returns those found. */
    public List<UUID> lockOwned(UUID account, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT list_id FROM list WHERE account_id = :account AND list_id IN (SELECT unnest(CAST(:ids AS uuid[])))
                ORDER BY list_id FOR UPDATE""")
                .param("account", account).param("ids", PgArrays.literal(ids)).query(UUID.class).list();
    }

    /** Marks the lists as changed now. */
    public void touch(Collection<UUID> ids, OffsetDateTime time) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE list SET last_update_time = :time WHERE list_id IN (SELECT unnest(CAST(:ids AS uuid[])))")
                    .param("time", time).param("ids", PgArrays.literal(ids)).update();
        }
    }
}
