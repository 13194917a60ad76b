package io.selene.backport.lp3;

import static io.selene.backport.Downstream.FACES;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** LP3's {@code /storage}: descriptors, persons and lists, each a {@code /6} face or list (see {@link Lp3Store}). */
@RestController
public class Lp3Storage {

    private final Lp3Store store;
    private final Downstream downstream;
    private final BackportSettings settings;

    public Lp3Storage(Lp3Store store, Downstream downstream, BackportSettings settings) {
        this.store = store;
        this.downstream = downstream;
        this.settings = settings;
    }

    @PostMapping("/4/storage/descriptors")
    public ResponseEntity<Map<String, Object>> createDescriptors(
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestParam(name = "estimate_attributes", required = false) String estimateAttributes,
            @RequestBody(required = false) byte[] image) {
        boolean attributes = Legacy.integer("estimate_attributes", estimateAttributes, 0, 0, 1) == 1;
        List<Map<String, Object>> faces = new ArrayList<>();
        for (Lp3Store.Extracted extracted : store.storeDescriptors(image, contentType)) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("id", extracted.descriptorId());
            face.put("rect", extracted.detection().path("rect"));
            face.put("score", extracted.detection().path("score"));
            if (attributes) {
                JsonNode basic = extracted.basicAttributes();
                face.put("attributes", Map.of("age", basic.path("age"), "gender", basic.path("gender")));
            }
            faces.add(face);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("faces", faces));
    }

    @GetMapping("/4/storage/descriptors/{descriptor_id}")
    public Map<String, Object> descriptor(@PathVariable("descriptor_id") String id) {
        return Lp3Store.descriptorView(store.descriptor(Legacy.uuid("descriptor_id", id)));
    }

    @DeleteMapping("/4/storage/descriptors/{descriptor_id}")
    public ResponseEntity<Void> deleteDescriptor(@PathVariable("descriptor_id") String id) {
        store.deleteDescriptor(Legacy.uuid("descriptor_id", id));
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/4/storage/descriptors/{descriptor_id}/linked_lists")
    public ResponseEntity<Void> descriptorLists(@PathVariable("descriptor_id") String id,
            @RequestParam(name = "do", required = false) String action,
            @RequestParam(name = "list_id", required = false) String listId) {
        UUID descriptor = Legacy.uuid("descriptor_id", id);
        store.descriptor(descriptor);
        store.linkToList(action == null ? "" : action, Legacy.uuid("list_id", listId), descriptor, "descriptors");
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/4/storage/persons")
    public ResponseEntity<Map<String, Object>> createPerson(@RequestBody(required = false) JsonNode body) {
        Map<String, Object> face = new LinkedHashMap<>();
        if (body != null && !body.isNull()) {
            Legacy.requireObject(body);
            putIfGiven(face, "user_data", Legacy.text(body, "user_data", 128));
            putIfGiven(face, "external_id", Legacy.text(body, "external_id", 36));
        }
        JsonNode created = downstream.json(FACES, HttpMethod.POST, "/3/faces", null, face);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("person_id", created.get("face_id").asString()));
    }

    /** Persons of the account (or of one list), a page of {@code /6} faces without the descriptors among them. */
    @GetMapping("/4/storage/persons")
    public Map<String, Object> persons(@RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "page_size", required = false) String pageSize,
            @RequestParam(name = "list_id", required = false) String listId) {
        int number = Legacy.integer("page", page, 1, 1, Integer.MAX_VALUE);
        int size = Legacy.integer("page_size", pageSize, 10, 1, settings.maxPageSize());
        String list = listId == null ? null : Legacy.uuid("list_id", listId).toString();
        JsonNode faces = downstream.get(FACES, "/3/faces", Downstream.query("list_id", list, "page",
                Integer.toString(number), "page_size", Integer.toString(size), "targets", Lp3Store.FACE_TARGETS));
        List<Map<String, Object>> persons = new ArrayList<>();
        for (JsonNode face : faces.path("faces")) {
            if (!Lp3Store.isDescriptor(face)) {
                persons.add(store.personView(face));
            }
        }
        return Map.of("persons", persons);
    }

    @GetMapping("/4/storage/persons/{person_id}")
    public Map<String, Object> person(@PathVariable("person_id") String id) {
        return store.personView(store.person(Legacy.uuid("person_id", id)));
    }

    @PatchMapping("/4/storage/persons/{person_id}")
    public ResponseEntity<Void> patchPerson(@PathVariable("person_id") String id,
            @RequestBody(required = false) JsonNode body) {
        Legacy.requireObject(body);
        UUID person = Legacy.uuid("person_id", id);
        store.person(person);
        Map<String, Object> patch = new LinkedHashMap<>();
        putIfGiven(patch, "user_data", Legacy.text(body, "user_data", 128));
        putIfGiven(patch, "external_id", Legacy.text(body, "external_id", 36));
        if (!patch.isEmpty()) {
            downstream.json(FACES, HttpMethod.PATCH, "/3/faces/" + person, null, patch);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/4/storage/persons/{person_id}")
    public ResponseEntity<Void> deletePerson(@PathVariable("person_id") String id) {
        store.deletePerson(Legacy.uuid("person_id", id));
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/4/storage/persons/{person_id}/linked_descriptors")
    public ResponseEntity<Void> personDescriptors(@PathVariable("person_id") String id,
            @RequestParam(name = "do", required = false) String action,
            @RequestParam(name = "descriptor_id", required = false) String descriptorId) {
        UUID person = Legacy.uuid("person_id", id);
        store.person(person);
        UUID descriptor = Legacy.uuid("descriptor_id", descriptorId);
        if ("attach".equals(action)) {
            store.link(person, descriptor);
        } else if ("detach".equals(action)) {
            store.unlink(person, descriptor);
        } else {
            throw BackportErrors.BAD_LEGACY_QUERY.exception("do", "must be attach or detach");
        }
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/4/storage/persons/{person_id}/linked_lists")
    public ResponseEntity<Void> personLists(@PathVariable("person_id") String id,
            @RequestParam(name = "do", required = false) String action,
            @RequestParam(name = "list_id", required = false) String listId) {
        UUID person = Legacy.uuid("person_id", id);
        store.person(person);
        store.linkToList(action == null ? "" : action, Legacy.uuid("list_id", listId), person, "persons");
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/4/storage/lists")
    public ResponseEntity<Map<String, Object>> createList(@RequestParam(name = "type", required = false) String type,
            @RequestBody(required = false) JsonNode body) {
        listType(type);
        String data = body == null || body.isNull() ? null : Legacy.text(body, "list_data", 128);
        JsonNode created = downstream.json(FACES, HttpMethod.POST, "/3/lists", null,
                Map.of("user_data", data == null ? "" : data));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("list_id", created.get("list_id").asString()));
    }

    @GetMapping("/4/storage/lists")
    public Map<String, Object> lists(@RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "page_size", required = false) String pageSize) {
        String wanted = type == null ? null : listType(type);
        int number = Legacy.integer("page", page, 1, 1, Integer.MAX_VALUE);
        int size = Legacy.integer("page_size", pageSize, 10, 1, settings.maxPageSize());
        JsonNode lists = downstream.get(FACES, "/3/lists", Downstream.query("page", Integer.toString(number),
                "page_size", Integer.toString(size)));
        List<Map<String, Object>> answer = new ArrayList<>();
        for (JsonNode list : lists.path("lists")) {
            String held = store.listType(list.get("list_id").asString());
            if (wanted == null || held == null || held.equals(wanted)) {
                answer.add(listView(list, held));
            }
        }
        return Map.of("lists", answer);
    }

    @GetMapping("/4/storage/lists/{list_id}")
    public Map<String, Object> list(@PathVariable("list_id") String id,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "page_size", required = false) String pageSize) {
        UUID listId = Legacy.uuid("list_id", id);
        JsonNode list = downstream.get(FACES, "/3/lists/" + listId, null);
        int number = Legacy.integer("page", page, 1, 1, Integer.MAX_VALUE);
        int size = Legacy.integer("page_size", pageSize, 10, 1, settings.maxPageSize());
        JsonNode members = downstream.get(FACES, "/3/faces", Downstream.query("list_id", listId.toString(), "page",
                Integer.toString(number), "page_size", Integer.toString(size), "targets", Lp3Store.FACE_TARGETS));
        String type = store.listType(listId.toString());
        Map<String, Object> view = listView(list, type);
        List<Object> held = new ArrayList<>();
        for (JsonNode face : members.path("faces")) {
            held.add(Lp3Store.isDescriptor(face) ? Lp3Store.descriptorView(face) : store.personView(face));
        }
        view.put("descriptors".equals(type) ? "descriptors" : "persons", held);
        return view;
    }

    @PatchMapping("/4/storage/lists/{list_id}")
    public ResponseEntity<Void> patchList(@PathVariable("list_id") String id,
            @RequestBody(required = false) JsonNode body) {
        Legacy.requireObject(body);
        String data = Legacy.text(body, "list_data", 128);
        downstream.json(FACES, HttpMethod.PATCH, "/3/lists/" + Legacy.uuid("list_id", id), null,
                Map.of("user_data", data == null ? "" : data));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/4/storage/lists/{list_id}")
    public ResponseEntity<Void> deleteList(@PathVariable("list_id") String id) {
        downstream.json(FACES, HttpMethod.DELETE, "/3/lists/" + Legacy.uuid("list_id", id), null, null);
        return ResponseEntity.noContent().build();
    }

    private static String listType(String type) {
        if (type == null || !(type.equals("persons") || type.equals("descriptors"))) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception("type", "must be persons or descriptors");
        }
        return type;
    }

    private static Map<String, Object> listView(JsonNode list, String type) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("list_id", list.get("list_id").asString());
        view.put("list_data", list.path("user_data").asString(""));
        view.put("type", type);
        view.put("create_time", list.path("create_time").asString(""));
        view.put("last_update_time", list.path("last_update_time").asString(""));
        return view;
    }

    private static void putIfGiven(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
