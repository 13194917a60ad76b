package io.selene.faces.changes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.sql.PgArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The change feed of faces and lists, read by the matcher to keep its indexes in sync.
 *
 * <p>Every change gets a key from {@code change_key_seq}. Keys are assigned only while holding a
 * transaction-scoped advisory lock ({@link #lock}), which PostgreSQL releases after the commit is
 * visible. So transactions that write the feed assign their keys and commit one after the other:
 * when a reader sees key K, every transaction that took a key below K has already committed or
 * rolled back, and a reader paging with {@code after_key} can never skip a key that becomes visible
 * later. (Keys are strictly increasing but not contiguous: a rolled-back transaction leaves a gap.)
 * Writers take the lock first thing in their transaction, so no two feed writers can wait on each
 * other's row locks (no deadlocks).
 */
@Repository
public class ChangeLog {

    /** Advisory lock id of the feed ("SELEFEED"). */
    static final long FEED_LOCK = 0x53454C4546454544L;

    public static final String LINK = "link";
    public static final String UNLINK = "unlink";
    public static final String FACE_ATTRIBUTES = "face_attributes";
    public static final String FACE_DELETE = "face_delete";
    public static final String LIST_DELETE = "list_delete";

    private final JdbcClient jdbc;

    public ChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the feed lock until the end of the current transaction (re-entrant). */
    public void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", FEED_LOCK).query(Object.class).single();
    }

    public record Change(String action, UUID listId, UUID faceId) {
    }

    /** Appends changes in order; returns their keys. */
    public List<Long> record(UUID account, List<Change> changes, OffsetDateTime time) {
        if (changes.isEmpty()) {
            return List.of();
        }
        lock();
        List<String> actions = new ArrayList<>();
        List<UUID> lists = new ArrayList<>();
        List<UUID> faces = new ArrayList<>();
        for (Change change : changes) {
            actions.add(change.action());
            lists.add(change.listId());
            faces.add(change.faceId());
        }
        return jdbc.sql("""
                INSERT INTO change (account_id, action, list_id, face_id, change_time)
                SELECT :account, u.action, u.list_id, u.face_id, :time
                FROM unnest(CAST(:actions AS text[]), CAST(:lists AS uuid[]), CAST(:faces AS uuid[]))
                     WITH ORDINALITY AS u(action, list_id, face_id, n)
                ORDER BY u.n
                RETURNING change_key""")
                .param("account", account).param("time", time)
                .param("actions", PgArrays.literal(actions)).param("lists", PgArrays.literal(lists))
                .param("faces", PgArrays.literal(faces))
                .query(Long.class).list();
    }

    /**
     * Links faces to a list; each new membership gets its own change key as {@code link_key}.
     * Faces already in the list are left alone. Returns the new links (face → key), in key order.
     */
    public List<Link> link(UUID account, UUID list, Collection<UUID> faces, OffsetDateTime time) {
        if (faces.isEmpty()) {
            return List.of();
        }
        lock();
        List<Link> links = jdbc.sql("""
                INSERT INTO list_face (list_id, face_id, link_key)
                SELECT :list, f.face_id, nextval('change_key_seq')
                FROM unnest(CAST(:faces AS uuid[])) WITH ORDINALITY AS f(face_id, n)
                ORDER BY f.n
                ON CONFLICT DO NOTHING
                RETURNING face_id, link_key""")
                .param("list", list).param("faces", PgArrays.literal(faces))
                .query((rs, i) -> new Link(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        if (!links.isEmpty()) {
            List<Long> keys = links.stream().map(Link::key).toList();
            jdbc.sql("""
                    INSERT INTO change (change_key, account_id, action, list_id, face_id, change_time)
                    SELECT u.k, :account, 'link', :list, u.f, :time
                    FROM unnest(CAST(:keys AS bigint[]), CAST(:faces AS uuid[])) AS u(k, f)""")
                    .param("account", account).param("list", list).param("time", time)
                    .param("keys", PgArrays.literal(keys))
                    .param("faces", PgArrays.literal(links.stream().map(Link::faceId).toList()))
                    .update();
        }
        return links.stream().sorted(java.util.Comparator.comparingLong(Link::key)).toList();
    }

    public record Link(UUID faceId, long key) {
    }

    public record ChangeRow(long changeKey, UUID accountId, String action, UUID listId, UUID faceId,
            OffsetDateTime changeTime) {
    }

    /** Changes after {@code afterKey}, in key order. */
    public List<ChangeRow> after(Optional<UUID> account, Optional<UUID> list, long afterKey, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT change_key, account_id, action, list_id, face_id, change_time FROM change
                WHERE change_key > :after""");
        account.ifPresent(a -> sql.append(" AND account_id = :account"));
        list.ifPresent(l -> sql.append(" AND list_id = :list"));
        sql.append(" ORDER BY change_key LIMIT :limit");
        var spec = jdbc.sql(sql.toString()).param("after", afterKey).param("limit", limit);
        if (account.isPresent()) {
            spec = spec.param("account", account.get());
        }
        if (list.isPresent()) {
            spec = spec.param("list", list.get());
        }
        return spec.query((rs, i) -> new ChangeRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                rs.getObject(6, OffsetDateTime.class))).list();
    }

    /** The newest committed key (0 when the feed is empty): where a reader starting from a snapshot begins. */
    public long lastKey(Optional<UUID> account) {
        if (account.isPresent()) {
            return jdbc.sql("SELECT coalesce(max(change_key), 0) FROM change WHERE account_id = :account")
                    .param("account", account.get()).query(Long.class).single();
        }
        // ORDER BY ... LIMIT 1 rather than max(): one step down the primary key's index, however long the feed
        return jdbc.sql("SELECT change_key FROM change ORDER BY change_key DESC LIMIT 1").query(Long.class).optional()
                .orElse(0L);
    }
}
