package io.selene.handlers.handlers;

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

/** SQL of table {@code handler}; policies are kept as the JSON GET answers (defaults filled). */
@Repository
class HandlerRepository {

    private static final String COLUMNS = "handler_id, account_id, description, is_dynamic, policies::text AS policies,"
            + " create_time, last_update_time";

    /** One stored row before its policies are read. */
    record Row(UUID handlerId, UUID accountId, String description, boolean dynamic, String policies,
            OffsetDateTime createTime, OffsetDateTime lastUpdateTime) {
    }

    /** Filters of search and count. */
    record Query(Optional<UUID> account, Optional<List<UUID>> handlerIds, Optional<String> description,
            Optional<Boolean> dynamic, Optional<Range<Instant>> createTime) {
    }

    private final JdbcClient jdbc;

    HandlerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID handlerId, UUID account, String description, boolean dynamic, String policies,
            OffsetDateTime time) {
        jdbc.sql("""
                INSERT INTO handler (handler_id, account_id, description, is_dynamic, policies, create_time, last_update_time)
                VALUES (:id, :account, :description, :dynamic, CAST(:policies AS jsonb), :time, :time)""")
                .param("id", handlerId).param("account", account).param("description", description)
                .param("dynamic", dynamic).param("policies", policies).param("time", time).update();
    }

    Optional<Row> find(UUID handlerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM handler WHERE handler_id = :id").param("id", handlerId)
                .query(HandlerRepository::row).optional();
    }

    /** Replaces an own handler; false if the account has no such handler. */
    boolean replace(UUID handlerId, UUID account, String description, boolean dynamic, String policies,
            OffsetDateTime time) {
        return jdbc.sql("""
                UPDATE handler SET description = :description, is_dynamic = :dynamic, policies = CAST(:policies AS jsonb),
                last_update_time = :time WHERE handler_id = :id AND account_id = :account""")
                .param("description", description).param("dynamic", dynamic).param("policies", policies)
                .param("time", time).param("id", handlerId).param("account", account).update() == 1;
    }

    boolean delete(UUID handlerId, UUID account) {
        return jdbc.sql("DELETE FROM handler WHERE handler_id = :id AND account_id = :account")
                .param("id", handlerId).param("account", account).update() == 1;
    }

    List<Row> search(Query query, PageRequest page) {
        return where(query).page(jdbc, COLUMNS, "handler", "create_time DESC, handler_id DESC", page, HandlerRepository::row);
    }

    long count(Query query) {
        return where(query).count(jdbc, "handler");
    }

    private static Where where(Query query) {
        Where where = Where.all();
        query.account().ifPresent(account -> where.equal("account_id", account));
        query.handlerIds().ifPresent(ids -> where.anyOf("handler_id", ids, "uuid"));
        query.description().ifPresent(text -> where.contains("description", text));
        query.dynamic().ifPresent(dynamic -> where.equal("is_dynamic", dynamic));
        query.createTime().ifPresent(range -> where.range("create_time", range));
        return where;
    }

    private static Row row(ResultSet rs, int index) throws SQLException {
        return new Row(rs.getObject("handler_id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("description"), rs.getBoolean("is_dynamic"), rs.getString("policies"),
                rs.getObject("create_time", OffsetDateTime.class), rs.getObject("last_update_time", OffsetDateTime.class));
    }
}
