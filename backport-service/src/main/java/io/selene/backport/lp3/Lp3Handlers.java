package io.selene.backport.lp3;

import static io.selene.backport.Downstream.FACES;
import static io.selene.backport.Downstream.HANDLERS;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * LP3's account handlers: {@code extractor} (a photo → a descriptor, a person linked to it, the person in the
 * handler's list), {@code verify} (a photo against a person) and {@code identify} (a photo against the handler's
 * list). Each account has one of each; its settings are kept, as LP kept them next to a Handlers-service handler,
 * in a dynamic {@code /6} handler of the account whose description is {@code backport3:<kind> <settings JSON>}
 * (nothing stored here). A missing one is the defaults, made on the first PATCH.
 */
@RestController
public class Lp3Handlers {

    private static final String PREFIX = "backport3:";
    private static final List<String> KINDS = List.of("extractor", "verify", "identify");

    private final Lp3Store store;
    private final Downstream downstream;
    private final BackportSettings settings;
    private final JsonMapper json;

    public Lp3Handlers(Lp3Store store, Downstream downstream, BackportSettings settings, JsonMapper json) {
        this.store = store;
        this.downstream = downstream;
        this.settings = settings;
        this.json = json;
    }

    /** The stored handler ({@code null} id while the account has none) and its settings, defaults filled. */
    private record Handler(String handlerId, ObjectNode settings) {
    }

    @GetMapping("/4/handlers/{handler_type}")
    public JsonNode get(@PathVariable("handler_type") String kind) {
        ObjectNode view = json.createObjectNode().put("handler", kind(kind));
        view.setAll(handler(kind).settings());
        return view;
    }

    /** Changes the given settings; every change increments {@code version}, as LP3's did. */
    @PatchMapping("/4/handlers/{handler_type}")
    public ResponseEntity<Void> patch(@PathVariable("handler_type") String kind,
            @RequestBody(required = false) JsonNode body) {
        Legacy.requireObject(body);
        Handler handler = handler(kind(kind));
        ObjectNode changed = handler.settings().deepCopy();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (field.getKey().equals("version") || !changed.has(field.getKey())) {
                throw BackportErrors.BAD_LEGACY_BODY.exception(field.getKey(), "not a setting of the " + kind
                        + " handler (settings: " + changed.propertyNames() + ")");
            }
            changed.set(field.getKey(), setting(field.getKey(), field.getValue()));
        }
        changed.put("version", changed.path("version").asInt(1) + 1);
        Map<String, Object> stored = Map.of("description", PREFIX + kind + " " + json.writeValueAsString(changed),
                "is_dynamic", true);
        if (handler.handlerId() == null) {
            downstream.json(HANDLERS, HttpMethod.POST, "/1/handlers", null, stored);
        } else {
            downstream.json(HANDLERS, HttpMethod.PUT, "/1/handlers/" + handler.handlerId(), null, stored);
        }
        return ResponseEntity.noContent().build();
    }

    /** The extractor: the photo's first face → a descriptor, a person linked to it, in the handler's list. */
    @PostMapping("/4/handlers/extractor")
    public ResponseEntity<Map<String, Object>> extract(
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestParam(name = "user_data", required = false) String userData,
            @RequestParam(name = "external_id", required = false) String externalId,
            @RequestBody(required = false) byte[] image) {
        ObjectNode config = handler("extractor").settings();
        String listId = config.path("list_id").asString(null);
        if (listId != null) {
            downstream.get(FACES, "/3/lists/" + listId, null);
        }
        Map<String, Object> personFace = new LinkedHashMap<>();
        personFace.put("user_data", limited("user_data", userData, 128));
        personFace.put("external_id", limited("external_id", externalId, 36));
        Lp3Store.Extracted descriptor = store.storeDescriptor(store.attributes(image, contentType).getFirst());
        UUID person = UUID.fromString(downstream.json(FACES, HttpMethod.POST, "/3/faces", null, personFace)
                .get("face_id").asString());
        store.link(person, UUID.fromString(descriptor.descriptorId()));
        if (listId != null) {
            store.linkToList("attach", UUID.fromString(listId), person, "persons");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("person_id", person.toString());
        answer.put("descriptor_id", descriptor.descriptorId());
        answer.put("list_id", listId);
        answer.put("rect", descriptor.detection().path("rect"));
        answer.put("score", descriptor.detection().path("score"));
        if (config.path("estimate_attributes").asInt(0) == 1) {
            JsonNode basic = descriptor.basicAttributes();
            answer.put("attributes", Map.of("age", basic.path("age"), "gender", basic.path("gender")));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    /** Verify: the photo's first face against a person, with the handler's threshold. */
    @PostMapping("/4/handlers/verify")
    public Map<String, Object> verify(@RequestParam(name = "person_id", required = false) String personId,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] image) {
        UUID person = Legacy.uuid("person_id", personId);
        store.person(person);
        double threshold = handler("verify").settings().path("threshold").asDouble();
        return store.verify(photoReference(image, contentType), person, threshold);
    }

    /** Identify: the photo's first face against a list (the query's {@code list_id}, else the handler's). */
    @PostMapping("/4/handlers/identify")
    public Map<String, Object> identify(@RequestParam(name = "list_id", required = false) String listId,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] image) {
        ObjectNode config = handler("identify").settings();
        String list = listId != null ? listId : config.path("list_id").asString(null);
        UUID target = Legacy.uuid("list_id", list);
        downstream.get(FACES, "/3/lists/" + target, null);
        int count = Legacy.integer("limit", limit, config.path("limit").asInt(3), 1, 100);
        return Map.of("candidates", store.candidates(photoReference(image, contentType),
                Map.of("origin", "faces", "list_id", target.toString()), count));
    }

    private Map<String, Object> photoReference(byte[] image, String contentType) {
        return Map.of("type", "attribute", "id", store.attributes(image, contentType).getFirst().attributeId());
    }

    private static String kind(String kind) {
        if (!KINDS.contains(kind)) {
            throw BackportErrors.UNKNOWN_HANDLER.exception(kind);
        }
        return kind;
    }

    private static String limited(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception(name, "at most " + max + " characters");
        }
        return value == null ? "" : value;
    }

    /** A setting's new value, checked: a list must be one of the account's. */
    private JsonNode setting(String name, JsonNode value) {
        switch (name) {
            case "list_id" -> {
                if (value.isNull()) {
                    return value;
                }
                UUID list = Legacy.uuid("list_id", value.isString() ? value.asString() : "");
                downstream.get(FACES, "/3/lists/" + list, null);
                return json.getNodeFactory().stringNode(list.toString());
            }
            case "estimate_attributes" -> {
                if (!value.isInt() || value.asInt() < 0 || value.asInt() > 1) {
                    throw BackportErrors.BAD_LEGACY_BODY.exception(name, "must be 0 or 1");
                }
            }
            case "limit" -> {
                if (!value.isInt() || value.asInt() < 1 || value.asInt() > 100) {
                    throw BackportErrors.BAD_LEGACY_BODY.exception(name, "must be an integer in 1..100");
                }
            }
            case "threshold" -> {
                if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
                    throw BackportErrors.BAD_LEGACY_BODY.exception(name, "must be a number in 0..1");
                }
            }
            default -> throw new IllegalStateException("unknown setting " + name);
        }
        return value;
    }

    private Handler handler(String kind) {
        ObjectNode defaults = json.createObjectNode().put("version", 1);
        switch (kind) {
            case "extractor" -> defaults.putNull("list_id").put("estimate_attributes", 0);
            case "identify" -> defaults.putNull("list_id").put("limit", 3);
            default -> defaults.put("threshold", settings.verifyThreshold());
        }
        String description = PREFIX + kind + " ";
        for (JsonNode stored : downstream.get(HANDLERS, "/1/handlers", Downstream.query("description", PREFIX + kind,
                "page_size", "100")).path("handlers")) {
            String text = stored.path("description").asString("");
            if (text.startsWith(description)) {
                defaults.setAll((ObjectNode) json.readTree(text.substring(description.length())));
                return new Handler(stored.get("handler_id").asString(), defaults);
            }
        }
        return new Handler(null, defaults);
    }
}
