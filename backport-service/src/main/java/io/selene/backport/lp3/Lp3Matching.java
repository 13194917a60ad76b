package io.selene.backport.lp3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.backport.BackportErrors;
import io.selene.backport.BackportSettings;
import io.selene.backport.Legacy;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LP3's {@code /matching}: one {@code POST /1/matcher/faces} each. The reference is {@code descriptor_id} (a
 * stored descriptor) or, on {@code /matching/search}, a photo in the body (its first face, extracted into a
 * temporary attribute). Candidates: a list ({@code search}), descriptors ({@code match}), persons
 * ({@code identify}, {@code verify}); a person is matched by its newest linked descriptor.
 */
@RestController
public class Lp3Matching {

    private final Lp3Store store;
    private final BackportSettings settings;

    public Lp3Matching(Lp3Store store, BackportSettings settings) {
        this.store = store;
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
        int count = Legacy.integer("limit", limit, 3, 1, 100);
        return Map.of("candidates", store.candidates(reference, filters, count));
    }

    @PostMapping("/4/matching/match")
    public Map<String, Object> match(@RequestParam(name = "descriptor_id", required = false) String descriptorId,
            @RequestParam(name = "descriptor_ids", required = false) String candidates) {
        return Map.of("candidates", store.candidates(descriptorReference(descriptorId),
                Map.of("origin", "faces", "face_ids", ids("descriptor_ids", candidates)), 100));
    }

    @PostMapping("/4/matching/identify")
    public Map<String, Object> identify(@RequestParam(name = "descriptor_id", required = false) String descriptorId,
            @RequestParam(name = "person_ids", required = false) String persons,
            @RequestParam(name = "limit", required = false) String limit) {
        return Map.of("candidates", store.candidates(descriptorReference(descriptorId),
                Map.of("origin", "faces", "face_ids", ids("person_ids", persons)),
                Legacy.integer("limit", limit, 3, 1, 100)));
    }

    @PostMapping("/4/matching/verify")
    public Map<String, Object> verify(@RequestParam(name = "descriptor_id", required = false) String descriptorId,
            @RequestParam(name = "person_id", required = false) String personId) {
        UUID person = Legacy.uuid("person_id", personId);
        store.person(person);
        return store.verify(descriptorReference(descriptorId), person, settings.verifyThreshold());
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
}
