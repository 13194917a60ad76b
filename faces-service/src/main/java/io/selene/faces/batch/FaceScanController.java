package io.selene.faces.batch;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.commons.sql.Where;
import io.selene.faces.faces.FaceQuery;
import io.selene.faces.faces.FaceRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /3/faces/scan}: the faces of a filter in {@code face_id} order, in keyset pages of up to
 * 10000, with what batch work needs (sample ids, basic attributes, descriptor versions, lists). For
 * tasks-service (not public). Filters and their errors are those of {@code GET /3/faces} (the
 * {@link FaceFields} search filters); plus {@code after_face_id} (the keyset), {@code limit} (1..10000,
 * default 1000) and {@code missing_descriptor_version} (only faces without a descriptor of that version that
 * have samples). Face ids are random, so equal {@code face_id} ranges hold about equal numbers of faces: that
 * is how a task splits its work.
 */
@RestController
public class FaceScanController {

    static final int MAX_LIMIT = 10_000;

    private static final FilterSpec SCAN = FaceFields.CATALOGUE.declare(FilterSpec.unpaged(), Use.SEARCH)
            .value("after_face_id", ValueType.UUID).value("limit", ValueType.INTEGER)
            .value("missing_descriptor_version", ValueType.INTEGER);

    private final FaceRepository faces;
    private final Clock clock;

    public FaceScanController(FaceRepository faces, Clock clock) {
        this.faces = faces;
        this.clock = clock;
    }

    @GetMapping("/3/faces/scan")
    public Map<String, Object> scan(AccountContext account, HttpServletRequest request) {
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
        List<Map<String, Object>> page = faces.scan(where, limit).stream().map(FaceScanController::row).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("faces", page);
        answer.put("next", page.size() == limit ? page.getLast().get("face_id") : null);
        return answer;
    }

    private static Map<String, Object> row(FaceRepository.Scanned scanned) {
        Map<String, Object> face = scanned.face().view(FaceFields.CATALOGUE.targets());
        face.put("sample_ids", scanned.sampleIds());
        face.put("basic_attributes", scanned.basicAttributes());
        face.put("descriptor_versions", scanned.descriptorVersions());
        return face;
    }
}
