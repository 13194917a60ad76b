package io.selene.commons.sql;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** An account's rows in a service's own tables, for the account erasure (tasks-service's {@code account_erasure}). */
public final class AccountRows {

    private AccountRows() {
    }

    /**
     * Deletes the account's rows from each table (children before parents; their own children go by
     * {@code ON DELETE CASCADE}); answers how many rows went.
     */
    public static long delete(JdbcClient jdbc, UUID account, List<String> tables) {
        long deleted = 0;
        for (String table : tables) {
            deleted += jdbc.sql("DELETE FROM " + table + " WHERE account_id = ?").param(account).update();
        }
        return deleted;
    }
}
