package io.selene.backport.lp3;

import static io.selene.backport.Downstream.MATCHER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.backport.BackportErrors;
import io.selene.backport.BackportSettings;
import io.selene.backport.Downstream;
import io.selene.backport.Legacy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * LP3's {@code /matching}: one {@code POST /1/matcher/faces} each. The reference is {@code descriptor_id} (a
 * stored descriptor) or, on {@code /matching/search}, a photo in the body (its first face, extracted into a
 * temporary attribute). Candidates: a list ({@code search}), descriptors ({@code match}), persons
 * ({@code identify}, {@code verify}); a person is matched by its newest linked descriptor.
 */
@RestController
public class Lp3Matching {

    private static final List<String> TARGETS = List.of("face_id", "user_data", "external_id", "avatar",
            "similarity");

    private final Lp3Store store;
    private final Downstream downstream;
    private final BackportSettings settings;

    public Lp3Matching(Lp3Store store, Downstream downstream, BackportSettings settings) {
        this.store = store;
        this.downstream = downstream;
        this.settings = settings;
    }

    @PostMapping("/4/matching/search")
    public Map<String, Object> search(@RequestParam(name = "descriptor_id", required = false) String descriptorId,
            @RequestParam(name = "list_id", required = false) String listId,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] image) {
        Map<String, Object> reference;
        if (descriptorId == null && image != null && image.length > 0) {
            reference = Map.of("type", "attribute", "id", store.attributes(image, contentType).getFirst()
                    .attributeId());
        } else {
            reference = descriptorReference(descriptorId);
        }
        Map<String, Object> filters = Map.of("origin", "faces", "list_id", Legacy.uuid("list_id", listId).toString());
        return Map.of("candidates", match(reference, filters, Legacy.integer("limit", limit, 3, 1, 100)));
    }

    @PostMapping("/4/matching/match")
    public Map<String, Object> match(@RequestParam(name = "descriptor_id", required = false) String descriptorId,
            @RequestParam(name = "descriptor_ids", required = false) String candidates) {
        return Map.of("candidates", match(descriptorReference(descriptorId),
                Map.of("origin", "faces", "face_ids", ids("descriptor_ids", candidates)), 100));
    }

    @PostMapping("/4/matching/identify")
    public Map<String, Object> identify(@RequestParam(name = "descriptor_id", required = false) String descriptorId,
            @RequestParam(name = "person_ids", required = false) String persons,
            @RequestParam(name = "limit", required = false) String limit) {
        return Map.of("candidates", match(descriptorReference(descriptorId),
                Map.of("origin", "faces", "face_ids", ids("person_ids", persons)),
                Legacy.integer("limit", limit, 3, 1, 100)));
    }

    @PostMapping("/4/matching/verify")
    public Map<String, Object> verify(@RequestParam(name = "descriptor_id", required = false) String descriptorId,
            @RequestParam(name = "person_id", required = false) String personId) {
        UUID person = Legacy.uuid("person_id", personId);
        store.person(person);
        List<Map<String, Object>> candidates = match(descriptorReference(descriptorId),
                Map.of("origin", "faces", "face_ids", List.of(person.toString())), 1);
        double similarity = candidates.isEmpty() ? 0 : ((Number) candidates.getFirst().get("similarity"))
                .doubleValue();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("person_id", person.toString());
        answer.put("similarity", similarity);
        answer.put("status", similarity >= settings.verifyThreshold());
        return Map.of("candidates", List.of(answer));
    }

    private Map<String, Object> descriptorReference(String descriptorId) {
        UUID descriptor = Legacy.uuid("descriptor_id", descriptorId);
        store.descriptor(descriptor);
        return Map.of("type", "face", "id", descriptor.toString());
    }

    private static List<String> ids(String name, String csv) {
        if (csv == null || csv.isBlank()) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception(name, "required");
        }
        List<String> ids = new ArrayList<>();
        for (String id : csv.split(",")) {
            ids.add(Legacy.uuid(name, id).toString());
        }
        if (ids.size() > 100) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception(name, "at most 100 ids");
        }
        return ids;
    }

    /** The candidates, best first, as LP3 named them: a person by {@code person_id}, a descriptor by {@code descriptor_id}. */
    private List<Map<String, Object>> match(Map<String, Object> reference, Map<String, Object> filters, int limit) {
        Map<String, Object> body = Map.of("references", List.of(reference), "candidates",
                List.of(Map.of("filters", filters, "limit", limit, "targets", TARGETS)));
        JsonNode answer = downstream.json(MATCHER, HttpMethod.POST, "/1/matcher/faces", null, body);
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (JsonNode candidate : answer.path(0).path("matches").path(0).path("candidates")) {
            JsonNode face = candidate.path("face");
            Map<String, Object> view = new LinkedHashMap<>();
            if (Lp3Store.isDescriptor(face)) {
                view.put("descriptor_id", face.path("face_id").asString());
                String person = face.path("external_id").asString("");
                view.put("person_id", person.isEmpty() ? null : person);
            } else {
                view.put("person_id", face.path("face_id").asString());
                view.put("user_data", face.path("user_data").asString(""));
                view.put("external_id", face.path("external_id").asString(""));
            }
            view.put("similarity", candidate.path("similarity").asDouble());
            candidates.add(view);
        }
        return candidates;
    }
}
