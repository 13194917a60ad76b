package io.selene.faces.lists;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.PageRequest;
import io.selene.commons.query.Range;
import io.selene.commons.sql.PgArrays;
import io.selene.commons.sql.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of lists. */
@Repository
public class ListRepository {

    // face_count is kept by triggers on list_face (migration V3): reading it costs nothing per member
    private static final String COLUMNS = """
            l.list_id, l.account_id, l.user_data, l.create_time, l.last_update_time, l.face_count""";

    private final JdbcClient jdbc;

    public ListRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters of list search and counts. */
    public record ListQuery(Optional<UUID> account, Optional<List<UUID>> listIds, Optional<String> userData,
            Optional<Range<Instant>> createTime, Optional<Range<UUID>> listIdRange) {
    }

    public boolean insert(UUID listId, UUID account, String userData, OffsetDateTime time) {
        return jdbc.sql("""
                INSERT INTO list (list_id, account_id, user_data, create_time, last_update_time)
                VALUES (:id, :account, :userData, :time, :time) ON CONFLICT (list_id) DO NOTHING""")
                .param("id", listId).param("account", account).param("userData", userData).param("time", time)
                .update() == 1;
    }

    public Optional<FaceList> find(UUID listId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM list l WHERE l.list_id = :id").param("id", listId)
                .query(ListRepository::list).optional();
    }

    public void patch(UUID listId, String userData, OffsetDateTime time) {
        jdbc.sql("UPDATE list SET user_data = :userData, last_update_time = :time WHERE list_id = :id")
                .param("userData", userData).param("time", time).param("id", listId).update();
    }

    public List<UUID> members(UUID listId) {
        return jdbc.sql("SELECT face_id FROM list_face WHERE list_id = :id ORDER BY face_id").param("id", listId)
                .query(UUID.class).list();
    }

    /** Unlinks faces; returns the ones that were members. */
    public List<UUID> unlink(UUID listId, Collection<UUID> faces) {
        return jdbc.sql("""
                DELETE FROM list_face WHERE list_id = :id AND face_id IN (SELECT unnest(CAST(:faces AS uuid[]))) RETURNING face_id""")
                .param("id", listId).param("faces", PgArrays.literal(faces)).query(UUID.class).list();
    }

    public void delete(UUID listId) {
        jdbc.sql("DELETE FROM list WHERE list_id = :id").param("id", listId).update();
    }

    public List<FaceList> search(ListQuery query, PageRequest page) {
        // keyset reads (list_id__gte/__lt) page in id order; others newest first
        String order = query.listIdRange().isPresent() ? "l.list_id" : "l.create_time DESC, l.list_id DESC";
        return where(query).page(jdbc, COLUMNS, "list l", order, page, ListRepository::list);
    }

    public long count(ListQuery query) {
        return where(query).count(jdbc, "list l");
    }

    private static Where where(ListQuery query) {
        Where where = Where.all();
        query.account().ifPresent(account -> where.equal("l.account_id", account));
        query.listIds().ifPresent(ids -> where.anyOf("l.list_id", ids, "uuid"));
        query.userData().ifPresent(text -> where.contains("l.user_data", text));
        query.createTime().ifPresent(range -> where.range("l.create_time", range));
        query.listIdRange().ifPresent(range -> where.range("l.list_id", range));
        return where;
    }

    static FaceList list(ResultSet rs, int row) throws SQLException {
        return new FaceList(rs.getObject("list_id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("user_data"), rs.getObject("create_time", OffsetDateTime.class),
                rs.getObject("last_update_time", OffsetDateTime.class), rs.getLong("face_count"));
    }
}
