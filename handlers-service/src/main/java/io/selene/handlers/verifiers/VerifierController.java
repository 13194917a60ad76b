package io.selene.handlers.verifiers;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.ids.Ids;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.handlers.vision.ImageInputs;
import io.selene.handlers.vision.VisionPipeline;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verifiers (luna-api.md §3.5): {@code /1/verifiers} CRUD, scoped to the caller's account, and
 * {@code POST /1/verifiers/{verifier_id}/verifications}. The gateway publishes them under {@code /6}.
 */
@RestController
class VerifierController {

    /** Ids of each kind in one verification (LUNA publishes no limit). */
    static final int MAX_IDS = 10;

    private static final FilterSpec LIST = FilterSpec.paged().value("description", ValueType.STRING)
            .value("account_id", ValueType.UUID);
    private static final FilterSpec COUNT = FilterSpec.unpaged().value("description", ValueType.STRING)
            .value("account_id", ValueType.UUID);
    private static final FilterSpec VERIFY = FilterSpec.unpaged().list("face_ids", ValueType.UUID, MAX_IDS)
            .list("attribute_ids", ValueType.UUID, MAX_IDS).list("event_ids", ValueType.UUID, MAX_IDS)
            .list("external_ids", ValueType.STRING, MAX_IDS).value("image_type", ValueType.INTEGER)
            .value("use_exif_info", ValueType.BOOLEAN);

    private final VerifierRepository store;
    private final Verifications verifications;
    private final RawVerifications rawVerifications;
    private final CandidateDescriptors candidates;
    private final StrictJson json;
    private final VisionPipeline vision;
    private final Clock clock = Clock.systemUTC();

    VerifierController(VerifierRepository store, Verifications verifications, RawVerifications rawVerifications,
            CandidateDescriptors candidates, StrictJson json, VisionPipeline vision) {
        this.store = store;
        this.verifications = verifications;
        this.rawVerifications = rawVerifications;
        this.candidates = candidates;
        this.json = json;
        this.vision = vision;
    }

    private record Body(String description, VerifierPolicies policies) {
    }

    @PostMapping("/1/verifiers")
    ResponseEntity<Map<String, Object>> create(AccountContext account, HttpServletRequest request) throws IOException {
        UUID owner = account.requireAccount();
        Body body = body(request);
        Verifier verifier = store.create(owner, body.description(), body.policies());
        String url = url(verifier.verifierId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("verifier_id", verifier.verifierId().toString());
        answer.put("url", url);
        return ResponseEntity.created(URI.create(url)).body(answer);
    }

    @GetMapping("/1/verifiers")
    Map<String, Object> list(AccountContext account, HttpServletRequest request) {
        Filters filters = LIST.parse(request.getParameterMap(), clock);
        return Map.of("verifiers", store.list(query(account, filters), filters.page()).stream()
                .map(VerifierController::view).toList());
    }

    @GetMapping("/1/verifiers/count")
    Map<String, Object> count(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        return Map.of("verifiers_count", store.count(query(account, filters)));
    }

    @GetMapping("/1/verifiers/{verifierId}")
    Map<String, Object> get(AccountContext account, @PathVariable String verifierId) {
        return view(store.require(account, id(verifierId)));
    }

    @RequestMapping(path = "/1/verifiers/{verifierId}", method = RequestMethod.HEAD)
    ResponseEntity<Void> head(AccountContext account, @PathVariable String verifierId) {
        store.require(account, id(verifierId));
        return ResponseEntity.ok().build();
    }

    /** Replaces description and policies (LUNA's PUT); answers the verifier's new version. */
    @PutMapping("/1/verifiers/{verifierId}")
    Map<String, Object> replace(AccountContext account, @PathVariable String verifierId, HttpServletRequest request)
            throws IOException {
        UUID owner = account.requireAccount();
        UUID id = id(verifierId);
        store.require(account, id); // 404 before the body is judged: nothing is told about others' ids
        Body body = body(request);
        return Map.of("version", store.replace(owner, id, body.description(), body.policies()));
    }

    @DeleteMapping("/1/verifiers/{verifierId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AccountContext account, @PathVariable String verifierId) {
        store.delete(account.requireAccount(), id(verifierId));
    }

    /**
     * Verifies the faces of the posted image(s) (raw image, multipart, or JSON {@code {"images": [...]}},
     * as {@code /1/sdk}) against {@code face_ids}, {@code attribute_ids}, {@code event_ids} and
     * {@code external_ids} (at most {@value #MAX_IDS} of each). Candidates are resolved before any
     * image is analysed, so a refused candidate stores nothing.
     */
    @PostMapping("/1/verifiers/{verifierId}/verifications")
    ResponseEntity<Map<String, Object>> verify(AccountContext account, @PathVariable String verifierId,
            HttpServletRequest request) throws IOException {
        account.requireAccount();
        Verifier verifier = store.require(account, id(verifierId));
        Map<String, String[]> parameters = new LinkedHashMap<>();
        VisionPipeline.query(request).forEach((name, value) -> parameters.put(name, new String[] {value}));
        Filters query = VERIFY.parse(parameters, clock);
        int imageType = query.<Integer>value("image_type").orElse(0);
        if (imageType < 0 || imageType > 2) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + imageType + "' of parameter 'image_type': "
                    + "expected 0 (photo), 1 (face warp) or 2 (body warp)");
        }
        boolean warps = VisionPipeline.warps(new java.util.HashMap<>(Map.of("image_type", String.valueOf(imageType))));
        if (!query.<Boolean>value("use_exif_info").orElse(true)) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value of parameter 'use_exif_info': only 1 is supported, "
                    + "the EXIF orientation is always applied");
        }
        CandidateDescriptors.Request ids = new CandidateDescriptors.Request(distinct(query.list("face_ids")),
                distinct(query.list("attribute_ids")), distinct(query.list("event_ids")),
                distinct(query.list("external_ids")));
        if (ids.isEmpty()) {
            throw VerifierErrors.NO_CANDIDATES.exception();
        }
        List<ImageInputs.Input> inputs = vision.read(request, null).inputs();
        Map<String, Object> answer = verifications.verify(verifier.policies(), inputs,
                candidates.resolve(ids, Verifications.VERSION), warps);
        // 201 when the storage policy kept samples or attributes, 200 when nothing was stored
        return ResponseEntity.status(verifier.policies().storagePolicy().storesAnything() ? HttpStatus.CREATED
                : HttpStatus.OK).body(answer);
    }

    /**
     * Verifies posted descriptors against posted descriptors ({@code {"references": [...], "candidates":
     * [...]}}, items as {@code /1/matcher/raw} takes them) with the verifier's threshold; stores nothing.
     */
    @PostMapping("/1/verifiers/{verifierId}/raw")
    Map<String, Object> raw(AccountContext account, @PathVariable String verifierId, HttpServletRequest request)
            throws IOException {
        account.requireAccount();
        Verifier verifier = store.require(account, id(verifierId)); // 404 before the body is judged
        return rawVerifications.verify(verifier.policies(), json.body(request));
    }

    private static <T> List<T> distinct(Optional<List<T>> values) {
        return values.map(list -> List.copyOf(new LinkedHashSet<>(list))).orElse(List.of());
    }

    /** {@code {"description": ≤128 chars, "policies": {...}}}; unknown fields refused naming them. */
    private Body body(HttpServletRequest request) throws IOException {
        JsonFields body = JsonFields.body(json.body(request));
        String description = body.string("description", "", 0, 128);
        VerifierPolicies policies = VerifierPolicies.read(body.raw("policies"), "policies");
        body.finish();
        return new Body(description, policies);
    }

    private static VerifierRepository.Query query(AccountContext account, Filters filters) {
        return new VerifierRepository.Query(account.readScope(filters.value("account_id")).orElse(null),
                filters.<String>value("description").orElse(null));
    }

    private static Map<String, Object> view(Verifier verifier) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("verifier_id", verifier.verifierId().toString());
        view.put("account_id", verifier.accountId().toString());
        view.put("description", verifier.description());
        view.put("policies", verifier.policies().write());
        view.put("version", verifier.version());
        view.put("create_time", Ids.format(verifier.createTime()));
        view.put("last_update_time", Ids.format(verifier.lastUpdateTime()));
        return view;
    }

    private static String url(UUID verifierId) {
        return "/6/verifiers/" + verifierId;
    }

    private static UUID id(String raw) {
        return Ids.uuid("verifier_id", raw);
    }
}
