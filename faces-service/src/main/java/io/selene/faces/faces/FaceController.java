package io.selene.faces.faces;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.Field;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.fields.FieldValues;
import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.commons.ids.Ids;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.faces.FacesErrors;
import io.selene.faces.attributes.AttributeService;
import io.selene.faces.attributes.DescriptorInput;
import io.selene.faces.attributes.FaceAttributes;
import io.selene.faces.attributes.StoredDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Faces: create, get, patch, delete, bulk delete, search, counts, face attributes (LUNA §4 shapes). */
@RestController
@RequestMapping("/3/faces")
public class FaceController {

    public static final int MAX_BULK = 1000;
    public static final int MAX_LISTS = 100;
    /** The fields a patch may change: the given ones. */
    static final List<String> PATCHED = FaceFields.CATALOGUE.given().stream().map(Field::name).toList();
    /** The answered fields (FaceFields), in order. */
    static final List<String> TARGETS = FaceFields.CATALOGUE.targets();

    private static final FilterSpec SEARCH = FaceFields.CATALOGUE.declare(FilterSpec.paged(), Use.SEARCH)
            .list("targets", ValueType.STRING, 16);
    private static final FilterSpec COUNT = FaceFields.CATALOGUE.declare(FilterSpec.unpaged(), Use.SEARCH);
    private static final FilterSpec ONE = FilterSpec.unpaged().list("targets", ValueType.STRING, 16);

    private final FaceService faces;
    private final FaceRepository repository;
    private final AttributeService attributes;
    private final IdempotencyKeys idempotency;
    private final StrictJson bodies;
    private final Clock clock;

    public FaceController(FaceService faces, FaceRepository repository, AttributeService attributes,
            IdempotencyKeys idempotency, StrictJson bodies, Clock clock) {
        this.faces = faces;
        this.repository = repository;
        this.attributes = attributes;
        this.idempotency = idempotency;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** The body of a create besides the face's given fields (FaceFields: user_data, external_id, ...). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateFace(UUID faceId, UUID attributeId, List<DescriptorInput> descriptors,
            JsonNode basicAttributes, List<String> sampleIds, List<UUID> lists, NestedAttribute attribute) {
    }

    /** LUNA's nested form of a create's attributes: {@code "attribute": {"attribute_id": ...}} (or inline ones). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NestedAttribute(UUID attributeId, List<DescriptorInput> descriptors, JsonNode basicAttributes,
            List<String> sampleIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PutAttributes(UUID attributeId, List<DescriptorInput> descriptors, JsonNode basicAttributes,
            List<String> sampleIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record BulkDelete(List<UUID> faceIds) {
    }

    public record Created(String faceId, String url) {
    }

    @PostMapping
    public ResponseEntity<Created> create(AccountContext account, @RequestBody JsonNode body,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        UUID owner = account.requireAccount();
        FieldValues.Read given = FieldValues.read(FaceFields.CATALOGUE, body, "");
        CreateFace request = bodies.read(given.rest(), CreateFace.class);
        Optional<IdempotencyKeys.Claim> claim = idempotency.claimOf(idempotencyKey, body);
        List<UUID> lists = request.lists() == null ? List.of() : request.lists();
        if (lists.size() > MAX_LISTS || lists.stream().anyMatch(java.util.Objects::isNull)) {
            throw PlatformErrors.BAD_BODY.exception("'lists' must hold at most " + MAX_LISTS + " list ids");
        }
        Supplier<FaceAttributes> faceAttributes;
        if (request.attribute() != null) {
            if (request.attributeId() != null || request.descriptors() != null || request.sampleIds() != null
                    || (request.basicAttributes() != null && !request.basicAttributes().isNull())) {
                throw PlatformErrors.BAD_BODY.exception("Give the attributes either in 'attribute' or at the top "
                        + "level ('attribute_id', 'descriptors', 'basic_attributes', 'sample_ids'), not both");
            }
            NestedAttribute nested = request.attribute();
            faceAttributes = attributesOf(owner, nested.attributeId(), nested.descriptors(), nested.basicAttributes(),
                    nested.sampleIds());
        } else {
            faceAttributes = attributesOf(owner, request.attributeId(), request.descriptors(),
                    request.basicAttributes(), request.sampleIds());
        }
        FaceService.NewFace face = new FaceService.NewFace(request.faceId(), given.values(), lists, faceAttributes);
        FaceService.Created created = faces.create(owner, face, claim);
        String url = "/6/faces/" + created.faceId();
        return ResponseEntity.created(URI.create(url)).body(new Created(created.faceId().toString(), url));
    }

    /**
     * Attributes from a temporary attribute (read when the face is stored) or given inline; the
     * inline ones are validated right away (bad descriptor → 400 before anything is stored).
     */
    private Supplier<FaceAttributes> attributesOf(UUID owner, UUID attributeId, List<DescriptorInput> descriptors,
            JsonNode basic, List<String> samples) {
        if (attributeId != null) {
            if (descriptors != null || (basic != null && !basic.isNull()) || samples != null) {
                throw PlatformErrors.BAD_BODY.exception(
                        "Give either 'attribute_id' or 'descriptors'/'basic_attributes'/'sample_ids', not both");
            }
            return () -> attributes.getOwn(owner, attributeId).attributes();
        }
        FaceAttributes inline = FaceAttributes.validate(descriptors, basic, samples);
        return () -> inline;
    }

    @GetMapping
    public Map<String, Object> search(AccountContext account, HttpServletRequest request) {
        Filters filters = SEARCH.parse(request.getParameterMap(), clock);
        Set<String> targets = targets(filters);
        List<Map<String, Object>> page = repository.search(query(account, filters, false), filters.page()).stream()
                .map(face -> face.view(targets)).toList();
        return Map.of("faces", page);
    }

    @GetMapping("/count")
    public Map<String, Object> count(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        return Map.of("faces_count", repository.count(query(account, filters, false)));
    }

    /** Faces that have attributes (descriptors or basic attributes). */
    @GetMapping("/attributes/count")
    public Map<String, Object> countWithAttributes(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        return Map.of("faces_count", repository.count(query(account, filters, true)));
    }

    @DeleteMapping
    public Map<String, Object> deleteMany(AccountContext account, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        BulkDelete request = bodies.read(body, BulkDelete.class);
        if (request.faceIds() == null || request.faceIds().isEmpty() || request.faceIds().size() > MAX_BULK
                || request.faceIds().stream().anyMatch(java.util.Objects::isNull)) {
            throw PlatformErrors.BAD_BODY.exception("'face_ids' must hold 1.." + MAX_BULK + " face ids");
        }
        List<UUID> deleted = faces.deleteMany(owner, List.copyOf(new LinkedHashSet<>(request.faceIds())));
        return Map.of("deleted", deleted.size());
    }

    @GetMapping("/{faceId}")
    public Map<String, Object> get(AccountContext account, @PathVariable String faceId, HttpServletRequest request) {
        Filters filters = ONE.parse(request.getParameterMap(), clock);
        return faces.get(account, Ids.uuid("face_id", faceId)).view(targets(filters));
    }

    @RequestMapping(path = "/{faceId}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> head(AccountContext account, @PathVariable String faceId) {
        faces.get(account, Ids.uuid("face_id", faceId));
        return ResponseEntity.ok().build();
    }

    @PatchMapping("/{faceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void patch(AccountContext account, @PathVariable String faceId, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        UUID id = Ids.uuid("face_id", faceId);
        if (body == null || !body.isObject()) {
            throw JsonFields.bad("body", "must be a JSON object");
        }
        Map<Field, Object> values = new LinkedHashMap<>();
        for (String key : body.propertyNames()) {
            JsonNode value = body.get(key);
            Field field = FaceFields.CATALOGUE.field(key).filter(f -> f.source() == Field.Source.GIVEN)
                    .orElseThrow(() -> JsonFields.bad(key, "cannot be patched; allowed: " + PATCHED));
            if (value.isNull() && field.absent() != null) {
                throw JsonFields.bad(key, "must be a string");
            }
            values.put(field, value.isNull() ? null : field.fromJson(value, key));
        }
        faces.patch(owner, id, values);
    }

    @DeleteMapping("/{faceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AccountContext account, @PathVariable String faceId) {
        faces.delete(account.requireAccount(), Ids.uuid("face_id", faceId));
    }

    @GetMapping("/{faceId}/attributes")
    public Map<String, Object> getAttributes(AccountContext account, @PathVariable String faceId) {
        UUID id = Ids.uuid("face_id", faceId);
        FaceRepository.StoredAttributes stored = faces.attributes(account, id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("face_id", id.toString());
        view.put("create_time", Ids.format(stored.time()));
        view.put("basic_attributes", stored.basicAttributes());
        view.put("sample_ids", stored.sampleIds());
        view.put("descriptors", stored.descriptors().stream().map(StoredDescriptor::view).toList());
        return Map.of("attributes", view);
    }

    @PutMapping("/{faceId}/attributes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void putAttributes(AccountContext account, @PathVariable String faceId, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        UUID id = Ids.uuid("face_id", faceId);
        PutAttributes request = bodies.read(body, PutAttributes.class);
        FaceAttributes replacement = attributesOf(owner, request.attributeId(), request.descriptors(),
                request.basicAttributes(), request.sampleIds()).get();
        if (replacement.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("Give 'attribute_id', 'descriptors' or 'basic_attributes'");
        }
        faces.replaceAttributes(owner, id, replacement);
    }

    @DeleteMapping("/{faceId}/attributes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteAttributes(AccountContext account, @PathVariable String faceId) {
        faces.replaceAttributes(account.requireAccount(), Ids.uuid("face_id", faceId),
                new FaceAttributes(List.of(), null, List.of()));
    }

    private static Set<String> targets(Filters filters) {
        Optional<List<String>> requested = filters.list("targets");
        if (requested.isEmpty()) {
            return Set.copyOf(TARGETS);
        }
        for (String target : requested.get()) {
            if (!TARGETS.contains(target)) {
                throw FacesErrors.BAD_TARGET.exception(target, new java.util.TreeSet<>(TARGETS));
            }
        }
        return Set.copyOf(requested.get());
    }

    private static FaceQuery query(AccountContext account, Filters filters, boolean withAttributesOnly) {
        return new FaceQuery(account.readScope(filters.value("account_id")), filters, Use.SEARCH, withAttributesOnly);
    }
}
