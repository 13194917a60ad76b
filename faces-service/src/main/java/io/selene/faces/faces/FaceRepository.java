package io.selene.faces.faces;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.PageRequest;
import io.selene.commons.sql.PgArrays;
import io.selene.commons.sql.Where;
import io.selene.faces.descriptors.FaceAttributes;
import io.selene.faces.descriptors.StoredDescriptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL of faces and their descriptors. Every statement is scoped by account where one is given. */
@Repository
public class FaceRepository {

    private static final String COLUMNS = """
            f.face_id, f.account_id, f.event_id, f.user_data, f.external_id, f.avatar, f.create_time,
            ARRAY(SELECT lf.list_id FROM list_face lf WHERE lf.face_id = f.face_id ORDER BY lf.link_key) AS lists""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public FaceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a face; false when the id is taken. */
    public boolean insert(Face face, FaceAttributes attributes) {
        int inserted = jdbc.sql("""
                INSERT INTO face (face_id, account_id, event_id, user_data, external_id, avatar, create_time,
                                  basic_attributes, sample_ids, attributes_time)
                VALUES (:id, :account, :event, :userData, :externalId, :avatar, :time,
                        CAST(:basic AS jsonb), CAST(:samples AS text[]), :attributesTime)
                ON CONFLICT (face_id) DO NOTHING""")
                .param("id", face.faceId()).param("account", face.accountId()).param("event", face.eventId())
                .param("userData", face.userData()).param("externalId", face.externalId())
                .param("avatar", face.avatar()).param("time", face.createTime())
                .param("basic", basicJson(attributes)).param("samples", PgArrays.literal(attributes.sampleIds()))
                .param("attributesTime", attributes.isEmpty() ? null : face.createTime())
                .update();
        if (inserted == 0) {
            return false;
        }
        insertDescriptors(face.faceId(), face.accountId(), attributes);
        return true;
    }

    private void insertDescriptors(UUID faceId, UUID account, FaceAttributes attributes) {
        for (StoredDescriptor descriptor : attributes.descriptors()) {
            jdbc.sql("INSERT INTO descriptor (face_id, version, account_id, data) VALUES (:id, :version, :account, :data)")
                    .param("id", faceId).param("version", descriptor.version()).param("account", account)
                    .param("data", descriptor.data()).update();
        }
    }

    private String basicJson(FaceAttributes attributes) {
        return attributes.basicAttributes() == null ? null : json.writeValueAsString(attributes.basicAttributes());
    }

    /** Replaces the face's attributes (descriptors, basic attributes, samples). */
    public void replaceAttributes(UUID faceId, UUID account, FaceAttributes attributes, OffsetDateTime time) {
        jdbc.sql("DELETE FROM descriptor WHERE face_id = :id").param("id", faceId).update();
        jdbc.sql("""
                UPDATE face SET basic_attributes = CAST(:basic AS jsonb), sample_ids = CAST(:samples AS text[]),
                                attributes_time = :time
                WHERE face_id = :id""")
                .param("basic", basicJson(attributes)).param("samples", PgArrays.literal(attributes.sampleIds()))
                .param("time", attributes.isEmpty() ? null : time).param("id", faceId).update();
        insertDescriptors(faceId, account, attributes);
    }

    /** Faces with attributes in every account (the licence's usage), kept by triggers (migration V4). */
    public long facesWithAttributes() {
        return jdbc.sql("SELECT faces_with_attributes FROM face_usage").query(Long.class).single();
    }

    /** Whether the face has attributes now. */
    public boolean hasAttributes(UUID faceId) {
        return jdbc.sql("SELECT attributes_time IS NOT NULL FROM face WHERE face_id = :id").param("id", faceId)
                .query(Boolean.class).optional().orElse(false);
    }

    public Optional<Face> find(UUID faceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM face f WHERE f.face_id = :id").param("id", faceId)
                .query(FaceRepository::face).optional();
    }

    /** The face row locked for an update, if the account owns it. */
    public Optional<Face> lockOwned(UUID account, UUID faceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM face f WHERE f.face_id = :id AND f.account_id = :account FOR UPDATE")
                .param("id", faceId).param("account", account).query(FaceRepository::face).optional();
    }

    public record StoredAttributes(JsonNode basicAttributes, List<String> sampleIds, OffsetDateTime time,
            List<StoredDescriptor> descriptors) {
    }

    public StoredAttributes attributes(UUID faceId) {
        Map<String, Object> row = jdbc.sql("""
                SELECT CAST(basic_attributes AS text) AS basic, sample_ids, attributes_time FROM face WHERE face_id = :id""")
                .param("id", faceId).query((rs, i) -> {
                    Map<String, Object> values = new HashMap<>();
                    values.put("basic", rs.getString(1));
                    values.put("samples", Arrays.asList((String[]) rs.getArray(2).getArray()));
                    values.put("time", rs.getObject(3, OffsetDateTime.class));
                    return values;
                }).single();
        List<StoredDescriptor> descriptors = jdbc.sql(
                "SELECT version, data FROM descriptor WHERE face_id = :id ORDER BY version").param("id", faceId)
                .query((rs, i) -> new StoredDescriptor(rs.getInt(1), rs.getBytes(2))).list();
        String basic = (String) row.get("basic");
        @SuppressWarnings("unchecked")
        List<String> samples = (List<String>) row.get("samples");
        return new StoredAttributes(basic == null ? null : json.readTree(basic), samples,
                (OffsetDateTime) row.get("time"), descriptors);
    }

    /** Applies a patch; keys of {@code changes} are column names among user_data, external_id, avatar, event_id. */
    public void patch(UUID faceId, Map<String, Object> changes) {
        StringBuilder sql = new StringBuilder("UPDATE face SET ");
        var params = new HashMap<String, Object>();
        int i = 0;
        for (var change : changes.entrySet()) {
            if (i++ > 0) {
                sql.append(", ");
            }
            sql.append(change.getKey()).append(" = :").append(change.getKey());
            params.put(change.getKey(), change.getValue());
        }
        sql.append(" WHERE face_id = :faceId");
        params.put("faceId", faceId);
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** The faces among {@code ids} that the account owns. */
    public List<UUID> owned(UUID account, Collection<UUID> ids) {
        return jdbc.sql("SELECT face_id FROM face WHERE account_id = :account AND face_id IN (SELECT unnest(CAST(:ids AS uuid[])))")
                .param("account", account).param("ids", PgArrays.literal(ids)).query(UUID.class).list();
    }

    public record Membership(UUID listId, UUID faceId) {
    }

    /** Removes the faces (owned by the account) and their memberships; returns the memberships they had. */
    public List<Membership> deleteMemberships(Collection<UUID> faceIds) {
        return jdbc.sql("DELETE FROM list_face WHERE face_id IN (SELECT unnest(CAST(:ids AS uuid[]))) RETURNING list_id, face_id")
                .param("ids", PgArrays.literal(faceIds))
                .query((rs, i) -> new Membership(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    public List<UUID> delete(UUID account, Collection<UUID> faceIds) {
        return jdbc.sql("""
                DELETE FROM face WHERE account_id = :account AND face_id IN (SELECT unnest(CAST(:ids AS uuid[]))) RETURNING face_id""")
                .param("account", account).param("ids", PgArrays.literal(faceIds)).query(UUID.class).list();
    }

    public List<Membership> memberships(Collection<UUID> faceIds) {
        return jdbc.sql("SELECT list_id, face_id FROM list_face WHERE face_id IN (SELECT unnest(CAST(:ids AS uuid[])))")
                .param("ids", PgArrays.literal(faceIds))
                .query((rs, i) -> new Membership(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    public List<Face> search(FaceQuery query, PageRequest page) {
        Where where = where(query);
        Map<String, Object> params = where.params();
        params.put("limit", page.pageSize());
        params.put("offset", page.offset());
        return jdbc.sql("SELECT " + COLUMNS + " FROM face f WHERE " + where.sql()
                + " ORDER BY f.create_time DESC, f.face_id DESC LIMIT :limit OFFSET :offset")
                .params(params).query(FaceRepository::face).list();
    }

    public long count(FaceQuery query) {
        Where where = where(query);
        return jdbc.sql("SELECT count(*) FROM face f WHERE " + where.sql()).params(where.params())
                .query(Long.class).single();
    }

    /** The SQL condition on {@code face f} for a query (also used by the descriptor bulk read). */
    public static Where where(FaceQuery query) {
        Where where = Where.all();
        query.account().ifPresent(account -> where.equal("f.account_id", account));
        query.faceIds().ifPresent(ids -> where.anyOf("f.face_id", ids, "uuid"));
        query.externalIds().ifPresent(ids -> where.anyOf("f.external_id", ids, "text"));
        query.eventIds().ifPresent(ids -> where.anyOf("f.event_id", ids, "uuid"));
        // substring match, as LUNA's user_data filter
        query.userData().ifPresent(text -> where.contains("f.user_data", text));
        query.listId().ifPresent(list -> where.condition(
                "EXISTS (SELECT 1 FROM list_face lf WHERE lf.list_id = ? AND lf.face_id = f.face_id)", list));
        query.createTime().ifPresent(range -> where.range("f.create_time", range));
        query.faceIdRange().ifPresent(range -> where.range("f.face_id", range));
        if (query.withAttributesOnly()) {
            where.condition("f.attributes_time IS NOT NULL");
        }
        return where;
    }

    static Face face(ResultSet rs, int row) throws SQLException {
        Array lists = rs.getArray("lists");
        List<UUID> listIds = lists == null ? List.of() : Arrays.asList((UUID[]) lists.getArray());
        return new Face(rs.getObject("face_id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("user_data"), rs.getString("external_id"),
                rs.getString("avatar"), rs.getObject("create_time", OffsetDateTime.class), listIds);
    }

}
