package io.selene.accounts.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.PageRequest;
import io.selene.commons.query.Range;
import io.selene.commons.sql.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code accounts.accounts}. */
@Repository
public class AccountRepository {

    private static final String COLUMNS =
            "account_id, login, password_hash, account_type, description, create_time, last_update_time, blocked";

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts; false when the login is taken (unique index), so concurrent creations cannot both win. */
    public boolean insert(Account account) {
        return jdbc.sql("INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (login) DO NOTHING")
                .params(account.accountId(), account.login(), account.passwordHash(), account.accountType().json(),
                        account.description(), account.createTime(), account.lastUpdateTime(), account.blocked())
                .update() == 1;
    }

    public Optional<Account> find(UUID accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE account_id = ?")
                .param(accountId).query(AccountRepository::map).optional();
    }

    public Optional<Account> findByLogin(String login) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE login = ?")
                .param(login).query(AccountRepository::map).optional();
    }

    public boolean loginTakenByOther(String login, UUID accountId) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE login = ? AND account_id <> ?")
                .params(login, accountId).query(Long.class).single() > 0;
    }

    public long countAdmins() {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE account_type = 'admin'").query(Long.class).single();
    }

    /** Admins other than this one that can still log in (a blocked admin cannot run the platform). */
    public long countAdminsOtherThan(UUID accountId) {
        return jdbc.sql("SELECT count(*) FROM accounts "
                        + "WHERE account_type = 'admin' AND NOT blocked AND account_id <> ?")
                .param(accountId).query(Long.class).single();
    }

    public void update(Account account) {
        jdbc.sql("UPDATE accounts SET login = ?, password_hash = ?, account_type = ?, description = ?, "
                        + "last_update_time = ?, blocked = ? WHERE account_id = ?")
                .params(account.login(), account.passwordHash(), account.accountType().json(),
                        account.description(), account.lastUpdateTime(), account.blocked(), account.accountId())
                .update();
    }

    public boolean delete(UUID accountId) {
        return jdbc.sql("DELETE FROM accounts WHERE account_id = ?").param(accountId).update() == 1;
    }

    /** Filters of {@code GET /accounts}; every field is optional. */
    public record Query(UUID accountId, String login, String loginContains, AccountType accountType,
            String description, Range<Instant> createTime, Range<Instant> lastUpdateTime) {
    }

    public List<Account> list(Query query, PageRequest page) {
        return where(query).page(jdbc, COLUMNS, "accounts", "create_time, account_id", page, AccountRepository::map);
    }

    public long count(Query query) {
        return where(query).count(jdbc, "accounts");
    }

    private static Where where(Query query) {
        Where where = Where.all();
        if (query.accountId() != null) {
            where.equal("account_id", query.accountId());
        }
        if (query.login() != null) {
            where.equal("login", query.login());
        }
        if (query.loginContains() != null) {
            where.contains("login", query.loginContains());
        }
        if (query.accountType() != null) {
            where.equal("account_type", query.accountType().json());
        }
        if (query.description() != null) {
            where.contains("description", query.description());
        }
        if (query.createTime() != null) {
            where.range("create_time", query.createTime());
        }
        if (query.lastUpdateTime() != null) {
            where.range("last_update_time", query.lastUpdateTime());
        }
        return where;
    }

    private static Account map(ResultSet row, int index) throws SQLException {
        return new Account(row.getObject("account_id", UUID.class), row.getString("login"),
                row.getString("password_hash"), AccountType.valueOf(row.getString("account_type").toUpperCase()),
                row.getString("description"), row.getObject("create_time", OffsetDateTime.class),
                row.getObject("last_update_time", OffsetDateTime.class), row.getBoolean("blocked"));
    }
}
