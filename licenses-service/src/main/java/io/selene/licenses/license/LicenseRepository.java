package io.selene.licenses.license;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Installed licences (table {@code license}): the current one has no {@code removed_time}; older ones
 * are kept. Changes take a transaction-scoped advisory lock, so two uploads at once apply one after
 * the other.
 */
@Repository
class LicenseRepository {

    private static final long LOCK = 0x5e1e_4e5e_11c3L;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    LicenseRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The licence file installed now, if any. */
    Optional<String> current() {
        return jdbc.sql("SELECT document FROM license WHERE removed_time IS NULL ORDER BY install_key DESC LIMIT 1")
                .query(String.class).optional();
    }

    /** Installs a licence in place of the current one (kept as removed); committed when this returns. */
    void install(String licenseId, String document, UUID account, OffsetDateTime now) {
        tx.executeWithoutResult(status -> {
            lock();
            markRemoved(account, now);
            jdbc.sql("""
                    INSERT INTO license (license_id, document, installed_time, installed_by)
                    VALUES (:id, :document, :now, :account)""")
                    .param("id", licenseId).param("document", document).param("now", now).param("account", account)
                    .update();
        });
    }

    /** Removes the current licence; false when none was installed. */
    boolean remove(UUID account, OffsetDateTime now) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            lock();
            return markRemoved(account, now);
        }));
    }

    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", LOCK).query((rs, row) -> 1).list();
    }

    private boolean markRemoved(UUID account, OffsetDateTime now) {
        return jdbc.sql("UPDATE license SET removed_time = :now, removed_by = :account WHERE removed_time IS NULL")
                .param("now", now).param("account", account).update() > 0;
    }
}
