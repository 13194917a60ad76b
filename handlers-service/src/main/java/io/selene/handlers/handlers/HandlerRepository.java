package io.selene.handlers.handlers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.PageRequest;
import io.selene.commons.query.Range;
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
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        params.put("limit", page.pageSize());
        params.put("offset", page.offset());
        return jdbc.sql("SELECT " + COLUMNS + " FROM handler WHERE " + where
                + " ORDER BY create_time DESC, handler_id DESC LIMIT :limit OFFSET :offset").params(params)
                .query(HandlerRepository::row).list();
    }

    long count(Query query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        return jdbc.sql("SELECT count(*) FROM handler WHERE " + where).params(params).query(Long.class).single();
    }

    private static String where(Query query, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("TRUE");
        query.account().ifPresent(account -> {
            clauses.add("account_id = :account");
            params.put("account", account);
        });
        query.handlerIds().ifPresent(ids -> {
            clauses.add("handler_id = ANY(CAST(:ids AS uuid[]))");
            params.put("ids", "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}");
        });
        query.description().ifPresent(text -> {
            clauses.add("strpos(description, :description) > 0");
            params.put("description", text);
        });
        query.dynamic().ifPresent(dynamic -> {
            clauses.add("is_dynamic = :dynamic");
            params.put("dynamic", dynamic);
        });
        query.createTime().ifPresent(range -> {
            bound(clauses, params, "create_time >= :ctGte", "ctGte", range.gte());
            bound(clauses, params, "create_time > :ctGt", "ctGt", range.gt());
            bound(clauses, params, "create_time <= :ctLte", "ctLte", range.lte());
            bound(clauses, params, "create_time < :ctLt", "ctLt", range.lt());
        });
        return String.join(" AND ", clauses);
    }

    private static void bound(List<String> clauses, Map<String, Object> params, String clause, String name,
            Instant value) {
        if (value != null) {
            clauses.add(clause);
            params.put(name, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static Row row(ResultSet rs, int index) throws SQLException {
        return new Row(rs.getObject("handler_id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("description"), rs.getBoolean("is_dynamic"), rs.getString("policies"),
                rs.getObject("create_time", OffsetDateTime.class), rs.getObject("last_update_time", OffsetDateTime.class));
    }
}
