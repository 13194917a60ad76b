package io.selene.backport.lp3;

import static io.selene.backport.Downstream.FACES;
import static io.selene.backport.Downstream.HANDLERS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.backport.BackportErrors;
import io.selene.backport.Downstream;
import io.selene.backport.Legacy;
import io.selene.commons.error.LunaException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * LP3's storage objects as {@code /6} faces, with no data of their own (see the README's model):
 * <ul>
 * <li>a <b>descriptor</b> is a face made from one detected face of a photo (detector → extractor → face); its
 * avatar is its sample, which is what tells it from a person, and its {@code external_id} is the id of the
 * person it is linked to;</li>
 * <li>a <b>person</b> is a face with the person's {@code user_data} and {@code external_id} and no avatar; it
 * carries a copy of its newest linked descriptor, so matching a list of persons is matching {@code /6} faces;</li>
 * <li>a <b>list</b> is a {@code /6} list ({@code list_data} = {@code user_data}); its type is what it holds.</li>
 * </ul>
 */
@Component
public class Lp3Store {

    static final String FACE_TARGETS = "face_id,user_data,external_id,avatar,create_time,lists";

    private final Downstream downstream;

    public Lp3Store(Downstream downstream) {
        this.downstream = downstream;
    }

    /** One detected face of a stored photo. */
    record Extracted(String descriptorId, JsonNode detection, JsonNode basicAttributes) {
    }

    /** A detected face's sample, the temporary attribute extracted from it and the face's detection. */
    record Attribute(String attributeId, String sampleId, JsonNode detection, JsonNode basicAttributes) {
    }

    /** Detects the faces of an image and extracts a temporary attribute of each (nothing else stored yet). */
    List<Attribute> attributes(byte[] image, String contentType) {
        if (image == null || image.length == 0) {
            throw BackportErrors.BAD_LEGACY_BODY.exception("body", "an image is required");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType == null ? "image/jpeg" : contentType);
        } catch (IllegalArgumentException e) {
            throw BackportErrors.BAD_LEGACY_BODY.exception("Content-Type", "'" + contentType + "' is not a media type");
        }
        JsonNode detected = downstream.bytes(HANDLERS, "/1/detector", null, type, image);
        JsonNode first = detected.path("images").path(0);
        if (first.hasNonNull("error") && first.path("status").asInt(1) == 0) {
            throw BackportErrors.BAD_LEGACY_BODY.exception("body", first.get("error").path("detail").asString(""));
        }
        List<String> samples = new ArrayList<>();
        List<JsonNode> detections = new ArrayList<>();
        for (JsonNode sample : first.path("detections").path("samples")) {
            JsonNode face = sample.path("face");
            if (face.hasNonNull("sample_id")) {
                samples.add(face.get("sample_id").asString());
                detections.add(face.path("detection"));
            }
        }
        if (samples.isEmpty()) {
            throw BackportErrors.NO_FACES.exception();
        }
        JsonNode extracted = downstream.json(HANDLERS, HttpMethod.POST, "/1/extractor",
                Downstream.query("extract_basic_attributes", "1"), samples);
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            JsonNode attribute = extracted.path(i);
            attributes.add(new Attribute(attribute.get("attribute_id").asString(), samples.get(i), detections.get(i),
                    attribute.path("basic_attributes")));
        }
        return attributes;
    }

    /** POST /storage/descriptors: every face of the photo becomes a descriptor (a face with its sample as avatar). */
    List<Extracted> storeDescriptors(byte[] image, String contentType) {
        List<Extracted> stored = new ArrayList<>();
        for (Attribute attribute : attributes(image, contentType)) {
            JsonNode face = downstream.json(FACES, HttpMethod.POST, "/3/faces", null, Map.of("attribute_id",
                    attribute.attributeId(), "avatar", "/6/samples/faces/" + attribute.sampleId()));
            stored.add(new Extracted(face.get("face_id").asString(), attribute.detection(),
                    attribute.basicAttributes()));
        }
        return stored;
    }

    static boolean isDescriptor(JsonNode face) {
        return !face.path("avatar").asString("").isEmpty();
    }

    /** A face by id, or null when there is none for this account. */
    JsonNode face(UUID id) {
        try {
            return downstream.get(FACES, "/3/faces/" + id, Downstream.query("targets", FACE_TARGETS));
        } catch (LunaException e) {
            if (Legacy.notFound(e)) {
                return null;
            }
            throw e;
        }
    }

    JsonNode person(UUID id) {
        JsonNode face = face(id);
        if (face == null || isDescriptor(face)) {
            throw BackportErrors.PERSON_NOT_FOUND.exception(id);
        }
        return face;
    }

    JsonNode descriptor(UUID id) {
        JsonNode face = face(id);
        if (face == null || !isDescriptor(face)) {
            throw BackportErrors.DESCRIPTOR_NOT_FOUND.exception(id);
        }
        return face;
    }

    /** The descriptors linked to a person, oldest first. */
    List<JsonNode> linkedDescriptors(UUID person) {
        List<JsonNode> linked = new ArrayList<>();
        downstream.get(FACES, "/3/faces", Downstream.query("external_ids", person.toString(), "targets", FACE_TARGETS,
                "page_size", "100")).path("faces").forEach(face -> {
                    if (isDescriptor(face)) {
                        linked.add(face);
                    }
                });
        linked.sort(java.util.Comparator.comparing(face -> face.path("create_time").asString("")));
        return linked;
    }

    /** Links a descriptor to a person the caller has checked exists. */
    void link(UUID person, UUID descriptorId) {
        JsonNode descriptor = descriptor(descriptorId);
        String owner = descriptor.path("external_id").asString("");
        if (owner.equals(person.toString())) {
            return;
        }
        if (!owner.isEmpty()) {
            throw BackportErrors.ALREADY_LINKED.exception(descriptorId, owner);
        }
        downstream.json(FACES, HttpMethod.PATCH, "/3/faces/" + descriptorId, null,
                Map.of("external_id", person.toString()));
        copyNewestDescriptor(person);
    }

    void unlink(UUID person, UUID descriptorId) {
        JsonNode descriptor = descriptor(descriptorId);
        if (!descriptor.path("external_id").asString("").equals(person.toString())) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception("descriptor_id",
                    "descriptor '" + descriptorId + "' is not linked to person '" + person + "'");
        }
        downstream.json(FACES, HttpMethod.PATCH, "/3/faces/" + descriptorId, null, Map.of("external_id", ""));
        copyNewestDescriptor(person);
    }

    /** The person's face takes the descriptor of its newest linked descriptor, or none when none is left. */
    private void copyNewestDescriptor(UUID person) {
        List<JsonNode> linked = linkedDescriptors(person);
        if (linked.isEmpty()) {
            downstream.json(FACES, HttpMethod.DELETE, "/3/faces/" + person + "/attributes", null, null);
            return;
        }
        JsonNode attributes = downstream.get(FACES, "/3/faces/" + linked.getLast().get("face_id").asString()
                + "/attributes", null).get("attributes");
        downstream.json(FACES, HttpMethod.PUT, "/3/faces/" + person + "/attributes", null,
                Map.of("descriptors", attributes.get("descriptors")));
    }

    /** Deleting a person leaves its descriptors (unlinked), as LP3 did. */
    void deletePerson(UUID person) {
        person(person);
        for (JsonNode descriptor : linkedDescriptors(person)) {
            downstream.json(FACES, HttpMethod.PATCH, "/3/faces/" + descriptor.get("face_id").asString(), null,
                    Map.of("external_id", ""));
        }
        downstream.json(FACES, HttpMethod.DELETE, "/3/faces/" + person, null, null);
    }

    void deleteDescriptor(UUID descriptorId) {
        JsonNode descriptor = descriptor(descriptorId);
        String owner = descriptor.path("external_id").asString("");
        downstream.json(FACES, HttpMethod.DELETE, "/3/faces/" + descriptorId, null, null);
        if (!owner.isEmpty()) {
            copyNewestDescriptor(UUID.fromString(owner));
        }
    }

    Map<String, Object> personView(JsonNode face) {
        UUID id = UUID.fromString(face.get("face_id").asString());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("person_id", id.toString());
        view.put("user_data", face.path("user_data").asString(""));
        view.put("external_id", face.path("external_id").asString(""));
        view.put("create_time", face.path("create_time").asString(""));
        view.put("descriptors", linkedDescriptors(id).stream().map(d -> d.get("face_id").asString()).toList());
        view.put("lists", face.path("lists"));
        return view;
    }

    static Map<String, Object> descriptorView(JsonNode face) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("descriptor_id", face.get("face_id").asString());
        String person = face.path("external_id").asString("");
        view.put("person_id", person.isEmpty() ? null : person);
        view.put("lists", face.path("lists"));
        view.put("create_time", face.path("create_time").asString(""));
        view.put("portrait", face.path("avatar").asString(""));
        return view;
    }

    /** What a list holds: {@code persons}, {@code descriptors}, or null while it is empty. */
    String listType(String listId) {
        JsonNode first = downstream.get(FACES, "/3/faces", Downstream.query("list_id", listId, "targets", "avatar",
                "page_size", "1")).path("faces").path(0);
        if (first.isMissingNode()) {
            return null;
        }
        return isDescriptor(first) ? "descriptors" : "persons";
    }

    /** Links (or unlinks) a person or descriptor to a list that holds (or may hold) its kind. */
    void linkToList(String action, UUID listId, UUID faceId, String kind) {
        if (!action.equals("attach") && !action.equals("detach")) {
            throw BackportErrors.BAD_LEGACY_QUERY.exception("do", "must be attach or detach");
        }
        if (action.equals("attach")) {
            downstream.get(FACES, "/3/lists/" + listId, null);
            String type = listType(listId.toString());
            if (type != null && !type.equals(kind)) {
                throw BackportErrors.WRONG_LIST_TYPE.exception(listId, type, kind);
            }
        }
        downstream.json(FACES, HttpMethod.PATCH, "/3/linker", null,
                Map.of("action", action, "list_id", listId.toString(), "face_ids", List.of(faceId.toString())));
    }
}
