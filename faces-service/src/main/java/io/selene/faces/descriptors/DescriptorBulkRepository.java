package io.selene.faces.descriptors;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.selene.commons.descriptor.DescriptorFrames;
import io.selene.commons.sql.Where;
import io.selene.faces.faces.FaceQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keyset-paged read of descriptors in {@code (key, version)} order, by list (key = link key), by
 * account or over every account (key = descriptor key). Each row is written straight into a binary frame as it comes from the
 * driver (binary transfer, no per-row objects kept).
 */
@Repository
public class DescriptorBulkRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    public DescriptorBulkRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // inside a transaction the driver then fetches in chunks instead of buffering the whole page
        template.setFetchSize(500);
        this.streaming = new NamedParameterJdbcTemplate(template);
    }

    /** Writes the page's frames to {@code out} while rows arrive from the database; returns the count. */
    public int stream(Optional<UUID> list, Optional<UUID> account, Optional<FaceQuery> faces,
            Optional<Integer> version, Optional<Long> afterKey, int afterVersion, int limit, DataOutputStream out) {
        Map<String, Object> params = new HashMap<>();
        String sql = sql(list, account, faces, version, afterKey, afterVersion, limit, params);
        int[] count = {0};
        streaming.query(sql, params, rs -> {
            DescriptorFrames.writeUnchecked(out, rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3),
                    rs.getBytes(4));
            count[0]++;
        });
        return count[0];
    }

    public DescriptorPage page(Optional<UUID> list, Optional<UUID> account, Optional<FaceQuery> faces,
            Optional<Integer> version, Optional<Long> afterKey, int afterVersion, int limit) {
        Map<String, Object> params = new HashMap<>();
        String sql = sql(list, account, faces, version, afterKey, afterVersion, limit, params);
        return buffered(sql, params, limit);
    }

    private String sql(Optional<UUID> list, Optional<UUID> account, Optional<FaceQuery> faces,
            Optional<Integer> version, Optional<Long> afterKey, int afterVersion, int limit,
            Map<String, Object> params) {
        // key: the link key of the membership for a list (one per face), else the descriptor's own key
        Where where = Where.all();
        String key;
        String from;
        if (list.isPresent()) {
            key = "lf.link_key";
            from = "list_face lf JOIN descriptor d ON d.face_id = lf.face_id";
            where.equal("lf.list_id", list.get());
        } else {
            key = "d.descriptor_key";
            from = "descriptor d";
            account.ifPresent(a -> where.equal("d.account_id", a));
        }
        // face filters: a semi-join on the face, so the key order (and its index) stays that of the page
        faces.ifPresent(query -> where.within("EXISTS (SELECT 1 FROM face f WHERE f.face_id = d.face_id AND {})",
                query.where()));
        version.ifPresent(v -> where.equal("d.version", v));
        afterKey.ifPresent(k -> where.condition(key + " >= ? AND (" + key + ", d.version) > (?, ?)", k, k,
                afterVersion));
        params.putAll(where.params());
        params.put("limit", limit);
        return "SELECT " + key + ", d.face_id, d.version, d.data FROM " + from + " WHERE " + where.sql()
                + " ORDER BY " + key + ", d.version LIMIT :limit";
    }

    private DescriptorPage buffered(String sql, Map<String, Object> params, int limit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.min(limit, 1024) * (DescriptorFrames.HEADER + 2048));
        DataOutputStream out = new DataOutputStream(bytes);
        int[] count = {0};
        Long[] lastKey = {null};
        Integer[] lastVersion = {null};
        jdbc.sql(sql).params(params).query(rs -> {
            long key = rs.getLong(1);
            int v = rs.getInt(3);
            DescriptorFrames.writeUnchecked(out, key, rs.getObject(2, UUID.class), v, rs.getBytes(4));
            count[0]++;
            lastKey[0] = key;
            lastVersion[0] = v;
        });
        return new DescriptorPage(bytes.toByteArray(), count[0], lastKey[0], lastVersion[0]);
    }
}
