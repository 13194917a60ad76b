package io.selene.faces.faces;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.Field;
import io.selene.commons.query.PageRequest;
import io.selene.commons.sql.PgArrays;
import io.selene.commons.sql.Where;
import io.selene.faces.attributes.FaceAttributes;
import io.selene.faces.attributes.StoredDescriptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL of faces and their descriptors. Every statement is scoped by account where one is given. */
@Repository
public class FaceRepository {

    /** The face's given fields (FaceFields), each a column of {@code face}. */
    private static final List<Field> GIVEN = FaceFields.CATALOGUE.given();

    private static final String COLUMNS = "f.face_id, f.account_id, f.create_time, "
            + String.join(", ", GIVEN.stream().map(field -> field.selectColumn("f")).toList())
            + ", ARRAY(SELECT lf.list_id FROM list_face lf WHERE lf.face_id = f.face_id ORDER BY lf.link_key) AS lists";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public FaceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a face; false when the id is taken. */
    public boolean insert(Face face, FaceAttributes attributes) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Field field : GIVEN) {
            columns.append(field.column()).append(", ");
            values.append(field.sqlPlaceholder(field.column())).append(", ");
            params.put(field.column(), field.sqlValue(face.values().getOrDefault(field, field.absent())));
        }
        params.put("id", face.faceId());
        params.put("account", face.accountId());
        params.put("time", face.createTime());
        params.put("basic", basicJson(attributes));
        params.put("samples", PgArrays.literal(attributes.sampleIds()));
        params.put("attributesTime", attributes.isEmpty() ? null : face.createTime());
        int inserted = jdbc.sql("INSERT INTO face (face_id, account_id, create_time, " + columns
                + "basic_attributes, sample_ids, attributes_time) VALUES (:id, :account, :time, " + values
                + "CAST(:basic AS jsonb), CAST(:samples AS text[]), :attributesTime) ON CONFLICT (face_id) DO NOTHING")
                .params(params).update();
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
                .query(this::face).optional();
    }

    /** The face row locked for an update, if the account owns it. */
    public Optional<Face> lockOwned(UUID account, UUID faceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM face f WHERE f.face_id = :id AND f.account_id = :account FOR UPDATE")
                .param("id", faceId).param("account", account).query(this::face).optional();
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

    /** Applies a patch of given fields. */
    public void patch(UUID faceId, Map<Field, Object> changes) {
        StringBuilder sql = new StringBuilder("UPDATE face SET ");
        var params = new HashMap<String, Object>();
        int i = 0;
        for (var change : changes.entrySet()) {
            Field field = change.getKey();
            if (i++ > 0) {
                sql.append(", ");
            }
            sql.append(field.column()).append(" = ").append(field.sqlPlaceholder(field.column()));
            params.put(field.column(), field.sqlValue(change.getValue()));
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
        return query.where().page(jdbc, COLUMNS, "face f", "f.create_time DESC, f.face_id DESC", page, this::face);
    }

    public long count(FaceQuery query) {
        return query.where().count(jdbc, "face f");
    }

    /** A face with what batch work needs besides its fields. */
    public record Scanned(Face face, List<String> sampleIds, JsonNode basicAttributes, List<Integer> descriptorVersions) {
    }

    /** Up to {@code limit} faces of the condition in {@code face_id} order (a keyset page). */
    public List<Scanned> scan(Where where, int limit) {
        Map<String, Object> params = where.params();
        params.put("limit", limit);
        return jdbc.sql("SELECT " + COLUMNS + """
                , f.sample_ids, CAST(f.basic_attributes AS text) AS basic,
                ARRAY(SELECT d.version FROM descriptor d WHERE d.face_id = f.face_id ORDER BY d.version) AS versions
                FROM face f WHERE """ + " " + where.sql() + " ORDER BY f.face_id LIMIT :limit")
                .params(params).query((rs, i) -> {
                    Array samples = rs.getArray("sample_ids");
                    String basic = rs.getString("basic");
                    return new Scanned(face(rs, i), samples == null ? List.of() : List.of((String[]) samples.getArray()),
                            basic == null ? null : json.readTree(basic),
                            List.of((Integer[]) rs.getArray("versions").getArray()));
                }).list();
    }

    private Face face(ResultSet rs, int row) throws SQLException {
        Array lists = rs.getArray("lists");
        List<UUID> listIds = lists == null ? List.of() : Arrays.asList((UUID[]) lists.getArray());
        Map<Field, Object> values = new LinkedHashMap<>();
        for (Field field : GIVEN) {
            values.put(field, field.readColumn(rs, json));
        }
        return new Face(rs.getObject("face_id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getObject("create_time", OffsetDateTime.class), values, listIds);
    }
}
