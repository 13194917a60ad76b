package io.selene.faces.batch;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.ids.Ids;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.commons.sql.Where;
import io.selene.faces.faces.FaceQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /3/faces/scan}: the faces of a filter in {@code face_id} order, in keyset pages of up to
 * 10000, with what batch work needs (sample ids, basic attributes, descriptor versions, lists). For
 * tasks-service (not public). Filters and their errors are those of {@code GET /3/faces}; plus
 * {@code after_face_id} (the keyset), {@code limit} (1..10000, default 1000) and
 * {@code missing_descriptor_version} (only faces without a descriptor of that version that have samples).
 * Face ids are random, so equal {@code face_id} ranges hold about equal numbers of faces: that is how a
 * task splits its work.
 */
@RestController
public class FaceScanController {

    static final int MAX_LIMIT = 10_000;

    private static final FilterSpec SCAN = FaceFields.CATALOGUE.declare(FilterSpec.unpaged(), Use.SEARCH)
            .value("after_face_id", ValueType.UUID).value("limit", ValueType.INTEGER)
            .value("missing_descriptor_version", ValueType.INTEGER);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    public FaceScanController(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/3/faces/scan")
    public Map<String, Object> scan(AccountContext account, jakarta.servlet.http.HttpServletRequest request) {
        Filters filters = SCAN.parse(request.getParameterMap(), clock);
        int limit = filters.<Integer>value("limit").orElse(1000);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + limit + "' of parameter 'limit': must be in 1.."
                    + MAX_LIMIT);
        }
        Where where = new FaceQuery(account.readScope(filters.value("account_id")), filters, Use.SEARCH, false)
                .where();
        filters.<UUID>value("after_face_id").ifPresent(after -> where.compare("f.face_id", Where.Comparison.ABOVE,
                after));
        filters.<Integer>value("missing_descriptor_version").ifPresent(version -> where.condition(
                "cardinality(f.sample_ids) > 0 AND NOT EXISTS (SELECT 1 FROM descriptor d WHERE d.face_id = f.face_id"
                        + " AND d.version = ?)", version));
        Map<String, Object> params = where.params();
        params.put("limit", limit);
        List<Map<String, Object>> faces = jdbc.sql("""
                SELECT f.face_id, f.event_id, f.user_data, f.external_id, f.avatar, f.create_time, f.sample_ids,
                       CAST(f.basic_attributes AS text) AS basic,
                       ARRAY(SELECT lf.list_id FROM list_face lf WHERE lf.face_id = f.face_id ORDER BY lf.link_key) AS lists,
                       ARRAY(SELECT d.version FROM descriptor d WHERE d.face_id = f.face_id ORDER BY d.version) AS versions
                FROM face f""" + " WHERE " + where.sql() + " ORDER BY f.face_id LIMIT :limit")
                .params(params).query(this::row).list();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("faces", faces);
        answer.put("next", faces.size() == limit ? faces.getLast().get("face_id") : null);
        return answer;
    }

    private Map<String, Object> row(ResultSet rs, int i) throws SQLException {
        Map<String, Object> face = new LinkedHashMap<>();
        face.put("face_id", rs.getObject("face_id", UUID.class).toString());
        UUID event = rs.getObject("event_id", UUID.class);
        face.put("event_id", event == null ? null : event.toString());
        face.put("user_data", rs.getString("user_data"));
        face.put("external_id", rs.getString("external_id"));
        face.put("avatar", rs.getString("avatar"));
        face.put("create_time", Ids.format(rs.getObject("create_time", OffsetDateTime.class)));
        face.put("lists", Arrays.stream((Object[]) rs.getArray("lists").getArray()).map(String::valueOf).toList());
        Array samples = rs.getArray("sample_ids");
        face.put("sample_ids", samples == null ? List.of() : Arrays.asList((String[]) samples.getArray()));
        String basic = rs.getString("basic");
        face.put("basic_attributes", basic == null ? null : json.readTree(basic));
        face.put("descriptor_versions", Arrays.asList((Integer[]) rs.getArray("versions").getArray()));
        return face;
    }
}
