package io.selene.handlers.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.Field;
import io.selene.commons.fields.FieldValues;
import io.selene.commons.ids.EventIds;
import io.selene.handlers.handlers.Handler;
import io.selene.handlers.policies.ConditionalTagsPolicy;
import io.selene.handlers.policies.DetectPolicy;
import io.selene.handlers.policies.HandlerPolicies;
import io.selene.handlers.policies.LinkToList;
import io.selene.handlers.policies.MatchPolicy;
import io.selene.handlers.policies.StoragePolicy;
import io.selene.handlers.vision.EstimationRequest;
import io.selene.handlers.vision.ImageInputs;
import io.selene.handlers.vision.VisionPipeline;
import io.selene.vision.Estimation;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A handler's pipeline over the images of one request (luna-api.md §3.3–3.4): detect → estimate →
 * extract → one event per face, per face with its body, or per body without a face → match (per
 * match policy) → conditional tags → storage policy in order (face sample, body sample, source
 * image, attribute, face + list links, event) → notification on the event bus. Every storage step
 * runs only when its filters pass on the event as built so far. Events are stored (one
 * {@code POST /2/events} for the request) before the answer and before they are published, whatever
 * {@code wait_saving} says: a 201 always means stored. A request that fails, or an image of it that
 * fails, leaves nothing behind: what it stored is deleted again ({@link RequestObjects}).
 */
@Service
class EventGenerator {

    private final VisionPipeline vision;
    private final Downstream downstream;
    private final EventBus bus;
    private final JsonMapper json;
    private final ErrorResponses errors;

    EventGenerator(VisionPipeline vision, Downstream downstream, EventBus bus, JsonMapper json, ErrorResponses errors) {
        this.vision = vision;
        this.downstream = downstream;
        this.bus = bus;
        this.json = json;
        this.errors = errors;
    }

    /** The answer: {@code {"events": [...], "images": [{"filename", "status", "error"?}]}}. */
    Map<String, Object> generate(Handler handler, HandlerPolicies policies, List<ImageInputs.Input> inputs,
            EventExtras extras) {
        DetectPolicy detect = policies.detectPolicy();
        Set<Estimation> estimations = EnumSet.noneOf(Estimation.class);
        estimations.addAll(detect.estimations());
        estimations.addAll(policies.extractPolicy().estimations());
        if (!policies.matchPolicy().isEmpty()) {
            estimations.add(Estimation.FACE_DESCRIPTOR); // to match with, kept only when extracted
        }
        List<VisionPipeline.Image> analysed = vision.analyse(inputs, new EstimationRequest(estimations,
                detect.multifacePolicy(), Double.NaN, detect.pitchThreshold(), detect.rollThreshold(),
                detect.yawThreshold()));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Generated> generated = new ArrayList<>();
        List<Map<String, Object>> images = new ArrayList<>();
        RequestObjects made = new RequestObjects(handler.accountId());
        List<ObjectNode> events = new ArrayList<>();
        try {
            for (VisionPipeline.Image image : analysed) {
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("filename", image.input().filename());
                LunaException error = image.error();
                if (error == null) {
                    RequestObjects madeForImage = new RequestObjects(handler.accountId());
                    try {
                        generated.addAll(image(handler, policies, image, extras, now, madeForImage));
                        made.addAll(madeForImage);
                    } catch (RuntimeException e) {
                        madeForImage.undo(e); // a failed image leaves nothing, whether or not the request goes on
                        if (!(e instanceof LunaException luna) || !luna.status().is4xxClientError()) {
                            throw e;
                        }
                        error = luna; // e.g. the matcher refusing a candidate filter: this image only
                    }
                }
                status.put("status", error == null ? 1 : 0);
                if (error != null) {
                    status.put("error", errors.body(error));
                }
                images.add(status);
            }

            store(handler, generated, made);
            for (Generated event : generated) {
                events.add(event.event());
                bus.publish(handler.accountId(), handler.handlerId(), policies.storagePolicy(), event.event());
            }
        } catch (RuntimeException e) {
            // the request answers its error: nothing it stored stays behind (an event published before a
            // later publish failed has been pushed, but is deleted with the rest)
            made.undo(e);
            throw e;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", events);
        answer.put("images", images);
        return answer;
    }

    /**
     * The source image in Image Store. Its refusal is not this image's fault (the decoder accepted it, and the
     * store takes every format the decoder does): the request fails (502) instead of answering 201 without the
     * events it was asked to store.
     */
    private String storeImage(Handler handler, byte[] bytes, RequestObjects made) {
        try {
            String id = downstream.storeImage(handler.accountId(), bytes);
            made.add("source image", id, () -> downstream.deleteImage(handler.accountId(), id));
            return id;
        } catch (LunaException e) {
            if (e.status().is5xxServerError()) {
                throw e;
            }
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exceptionWithCause(e, "image-store-service",
                    e.status().value() + " (" + e.detail() + ")");
        }
    }

    /** An event of the request and, when it is to be stored, what events-service gets (with the descriptor). */
    private record Generated(ObjectNode event, ObjectNode stored) {
    }

    private List<Generated> image(Handler handler, HandlerPolicies policies, VisionPipeline.Image image,
            EventExtras extras, OffsetDateTime now, RequestObjects made) {
        DetectPolicy detect = policies.detectPolicy();
        StoragePolicy storage = policies.storagePolicy();
        String[] imageOrigin = new String[1]; // stored once per image, on the first event that asks
        List<Generated> out = new ArrayList<>();
        for (VisionPipeline.Detection detection : image.detections()) {
            Map<String, Object> attributes = detection.attributes();
            if (detection.face() != null) {
                if (!livenessKept(detect, attributes)) {
                    continue;
                }
                double fdThreshold = policies.extractPolicy().fdScoreThreshold();
                if (fdThreshold > 0 && detection.descriptor() != null && detection.descriptorScore() < fdThreshold) {
                    continue; // LUNA fd_score_threshold: a face too poor for a descriptor makes no event
                }
            }
            ObjectNode event = base(handler, extras, now);
            ObjectNode detectionNode = event.putArray("detections").addObject();
            detectionNode.put("detect_time", (extras.detectTime() == null ? now : extras.detectTime()).toString());
            if (extras.detectTs() != null) {
                detectionNode.put("detect_ts", extras.detectTs());
            }
            detectionNode.put("filename", image.input().filename());
            ObjectNode samples = detectionNode.putObject("samples");
            ObjectNode faceAttributes = null;
            if (detection.face() != null) {
                Map<String, Object> faceDetection = new LinkedHashMap<>(detection.face());
                if (!attributes.isEmpty()) {
                    Map<String, Object> estimations = new LinkedHashMap<>(attributes);
                    estimations.remove("basic_attributes"); // extracted, so under face_attributes
                    if (!estimations.isEmpty()) {
                        faceDetection.put("attributes", estimations);
                    }
                }
                samples.putObject("face").set("detection", json.valueToTree(faceDetection));
                if (attributes.containsKey("basic_attributes") || detection.descriptor() != null) {
                    faceAttributes = event.putObject("face_attributes");
                    if (attributes.containsKey("basic_attributes")) {
                        faceAttributes.set("basic_attributes", json.valueToTree(attributes.get("basic_attributes")));
                    }
                    if (detection.descriptor() != null && policies.extractPolicy().descriptor()) {
                        faceAttributes.put("score", detection.descriptorScore());
                    }
                    if (faceAttributes.isEmpty()) {
                        event.remove("face_attributes");
                        faceAttributes = null;
                    }
                }
            }
            if (detection.body() != null) {
                samples.putObject("body").set("detection", json.valueToTree(detection.body()));
            }

            if (detection.descriptor() != null) {
                match(handler, policies.matchPolicy(), detection.descriptor(), event);
            }
            tags(policies.conditionalTagsPolicy(), event);

            // storage policy, in LUNA's order
            String faceSampleId = null;
            if (detection.faceSample() != null && storage.faceSamplePolicy().storeSample() == 1
                    && storage.faceSamplePolicy().filters().test(event)) {
                faceSampleId = vision.storeFaceSample(detection.faceSample());
                String stored = faceSampleId;
                made.add("face sample", stored, () -> vision.deleteFaceSample(stored));
                sampleRef((ObjectNode) samples.get("face"), faceSampleId, VisionPipeline.faceSampleUrl(faceSampleId));
                if (faceAttributes != null) {
                    faceAttributes.putArray("samples").add(faceSampleId);
                }
            }
            if (detection.bodySample() != null && storage.bodySamplePolicy().storeSample() == 1
                    && storage.bodySamplePolicy().filters().test(event)) {
                String id = vision.storeBodySample(detection.bodySample());
                made.add("body sample", id, () -> vision.deleteBodySample(id));
                sampleRef((ObjectNode) samples.get("body"), id, VisionPipeline.bodySampleUrl(id));
            }
            if (image.input().bytes() != null && storage.imageOriginPolicy().storeImage() == 1
                    && storage.imageOriginPolicy().filters().test(event)) {
                if (imageOrigin[0] == null) {
                    imageOrigin[0] = "/6/images/" + storeImage(handler, image.input().bytes(), made);
                }
                detectionNode.put("image_origin", imageOrigin[0]);
            }
            float[] extracted = policies.extractPolicy().descriptor() ? detection.descriptor() : null;
            @SuppressWarnings("unchecked")
            Map<String, Object> basic = attributes == null ? null
                    : (Map<String, Object>) attributes.get("basic_attributes");
            List<String> sampleIds = faceSampleId == null ? List.of() : List.of(faceSampleId);
            if (faceAttributes != null && (extracted != null || basic != null)
                    && storage.attributePolicy().storeAttribute() == 1 && storage.attributePolicy().filters().test(event)) {
                long ttl = storage.attributePolicy().ttl() != null ? storage.attributePolicy().ttl()
                        : vision.attributeTtlSeconds();
                String[] created = vision.createAttribute(extracted, basic, sampleIds, ttl);
                made.add("attribute", created[0], () -> vision.deleteAttribute(created[0]));
                faceAttributes.put("attribute_id", created[0]);
                faceAttributes.put("url", "/6/attributes/" + created[0]);
            }
            // Decided before the face step (filters read no field the face step adds): an event to store
            // gets its id now, so the face made from it carries it (LUNA's face event_id). The id's
            // time bits are the event's create_time, as events-service requires (EventIds).
            boolean storeEvent = storage.eventPolicy().storeEvent() == 1 && storage.eventPolicy().filters().test(event);
            UUID eventId = storeEvent ? EventIds.generate(now.toInstant()) : null;
            if (extracted != null && storage.facePolicy().storeFace() == 1 && storage.facePolicy().filters().test(event)) {
                storeFace(handler, storage, event, extracted, basic, sampleIds, faceSampleId, extras, eventId, made);
            }
            ObjectNode stored = null;
            if (storeEvent) {
                stored = event.deepCopy();
                stored.put("event_id", eventId.toString());
                if (extracted != null) {
                    // so that events can be match candidates (origin "events"); never in the answer
                    stored.putObject("descriptor").put("version", VisionPipeline.descriptorVersion())
                            .put("data", VisionPipeline.rawBase64(extracted));
                }
            }
            out.add(new Generated(event, stored));
        }
        return out;
    }

    private ObjectNode base(Handler handler, EventExtras extras, OffsetDateTime now) {
        ObjectNode event = json.createObjectNode();
        event.put("handler_id", handler.handlerId().toString());
        event.put("account_id", handler.accountId().toString());
        event.put("create_time", now.toString());
        event.put("end_time", now.toString());
        for (Field field : EventExtras.FIELDS) {
            Object value = extras.values().getOrDefault(field, field.absent());
            if (value != null) {
                FieldValues.put(event, field, field.toJson(value));
            }
        }
        return event;
    }

    private static void sampleRef(ObjectNode sample, String id, String url) {
        JsonNode detection = sample.remove("detection");
        sample.put("sample_id", id);
        sample.put("url", url);
        sample.set("detection", detection);
    }

    /**
     * LUNA liveness_states: a face whose liveness prediction is not among them makes no event. With
     * a policy liveness_threshold the prediction is "real" from that probability on (else the
     * engine's 0.5).
     */
    @SuppressWarnings("unchecked")
    private static boolean livenessKept(DetectPolicy detect, Map<String, Object> attributes) {
        Object liveness = attributes.get("liveness");
        if (liveness instanceof Map<?, ?> map && detect.livenessThreshold() != null) {
            Map<String, Object> updated = new LinkedHashMap<>((Map<String, Object>) map);
            double real = ((Number) ((Map<String, Object>) updated.get("estimations")).get("probability")).doubleValue();
            updated.put("prediction", real >= detect.livenessThreshold() ? "real" : "spoof");
            attributes.put("liveness", updated);
            liveness = updated;
        }
        List<String> states = detect.livenessStates();
        if (states == null || states.isEmpty()) {
            return true;
        }
        String prediction = liveness instanceof Map<?, ?> map ? String.valueOf(map.get("prediction")) : "unknown";
        return states.contains(prediction);
    }

    /** Each match policy whose filters pass: the matcher's candidates under its label; then top_match. */
    private void match(Handler handler, List<MatchPolicy> policies, float[] descriptor, ObjectNode event) {
        if (policies.isEmpty()) {
            return;
        }
        ArrayNode matches = event.putArray("matches");
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("type", "raw_descriptor");
        reference.put("id", "event");
        reference.put("data", VisionPipeline.rawBase64(descriptor));
        reference.put("descriptor_version", VisionPipeline.descriptorVersion());
        ObjectNode top = null;
        for (MatchPolicy policy : policies) {
            if (!policy.filters().test(event)) {
                continue;
            }
            String origin = policy.candidates().path("origin").asString("faces");
            String idField = origin.equals("events") ? "event_id" : origin.equals("attributes") ? "attribute_id"
                    : "face_id";
            Map<String, Object> candidates = new LinkedHashMap<>();
            candidates.put("filters", policy.candidates());
            candidates.put("limit", policy.limit());
            if (policy.threshold() != null) {
                candidates.put("threshold", policy.threshold());
            }
            Set<String> targets = new LinkedHashSet<>(List.of(idField, "similarity", "external_id"));
            if (policy.targets() != null) {
                targets.addAll(policy.targets());
            }
            candidates.put("targets", List.copyOf(targets));
            JsonNode found = downstream.match(handler.accountId(), reference, candidates);
            ObjectNode entry = matches.addObject();
            entry.put("label", policy.label());
            entry.set("candidates", found);
            for (JsonNode candidate : found) {
                double similarity = candidate.path("similarity").asDouble();
                if (top == null || similarity > top.get("similarity").asDouble()) {
                    String type = idField.substring(0, idField.length() - 3);
                    JsonNode object = candidate.path(type);
                    top = json.createObjectNode();
                    top.put(idField, object.path(idField).asString());
                    top.put("similarity", similarity);
                    if (object.path("external_id").isString()) {
                        top.put("external_id", object.get("external_id").asString());
                    }
                    top.put("label", policy.label());
                }
            }
        }
        if (top != null) {
            event.set("top_match", top);
        }
    }

    private static void tags(List<ConditionalTagsPolicy> policies, ObjectNode event) {
        ArrayNode tags = (ArrayNode) event.get("tags");
        for (ConditionalTagsPolicy policy : policies) {
            boolean present = false;
            for (JsonNode tag : tags) {
                present |= tag.asString().equals(policy.tag());
            }
            if (!present && tags.size() < EventFields.field("tags").maxItems() && policy.filters().test(event)) {
                tags.add(policy.tag());
            }
        }
    }

    /**
     * store_face: a face from the descriptor, linked to the lists whose filters pass, with the id of
     * the event made with it when that event is stored ({@code null}: not stored, no event_id).
     */
    private void storeFace(Handler handler, StoragePolicy storage, ObjectNode event, float[] descriptor,
            Map<String, Object> basic, List<String> sampleIds, String faceSampleId, EventExtras extras,
            UUID eventId, RequestObjects made) {
        List<String> lists = new ArrayList<>();
        for (LinkToList link : storage.facePolicy().linkToListsPolicy()) {
            if (link.filters().test(event) && !lists.contains(link.listId().toString())) {
                lists.add(link.listId().toString());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("descriptors", List.of(Map.of("version", VisionPipeline.descriptorVersion(),
                "data", VisionPipeline.rawBase64(descriptor))));
        if (basic != null) {
            body.put("basic_attributes", basic);
        }
        body.put("sample_ids", sampleIds);
        if (storage.facePolicy().setSampleAsAvatar() == 1 && faceSampleId != null) {
            body.put("avatar", VisionPipeline.faceSampleUrl(faceSampleId));
        }
        // the face's own fields of the same name (external_id, user_data)
        for (String name : List.of("external_id", "user_data")) {
            if (extras.value(name) != null) {
                body.put(name, extras.value(name));
            }
        }
        if (!lists.isEmpty()) {
            body.put("lists", lists);
        }
        if (eventId != null) {
            body.put("event_id", eventId.toString());
        }
        String faceId = downstream.createFace(handler.accountId(), body);
        made.add("face", faceId, () -> downstream.deleteFace(handler.accountId(), faceId));
        ObjectNode face = event.putObject("face");
        face.put("face_id", faceId);
        face.put("url", "/6/faces/" + faceId);
        ArrayNode faceLists = face.putArray("lists");
        ArrayNode attach = event.putArray("attach_result");
        for (String list : lists) {
            faceLists.add(list);
            attach.addObject().put("list_id", list).put("status", "success");
        }
    }

    /** One {@code POST /2/events} for every event of the request to store; ids and urls into the events. */
    private void store(Handler handler, List<Generated> generated, RequestObjects made) {
        List<ObjectNode> batch = new ArrayList<>();
        for (Generated event : generated) {
            if (event.stored() != null) {
                batch.add(event.stored());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        // recorded before the call: events-service commits each event on its own, so a failed batch may
        // have stored some; their ids are ours
        List<String> ids = batch.stream().map(event -> event.get("event_id").asString()).toList();
        for (int from = 0; from < ids.size(); from += Downstream.EVENTS_PER_DELETE) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Downstream.EVENTS_PER_DELETE));
            made.add("events", String.join(",", chunk), () -> downstream.deleteEvents(handler.accountId(), chunk));
        }
        JsonNode stored = downstream.storeEvents(handler.accountId(), batch, null);
        int i = 0;
        for (Generated event : generated) {
            if (event.stored() != null) {
                JsonNode id = stored.get(i++);
                if (!event.stored().get("event_id").asString().equals(id.path("event_id").asString())) {
                    // the face made with the event already carries the id we gave
                    throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("events-service", "201 with another event_id");
                }
                ObjectNode withId = json.createObjectNode();
                withId.put("event_id", id.path("event_id").asString());
                withId.put("url", id.path("url").asString());
                withId.setAll(event.event());
                event.event().removeAll();
                event.event().setAll(withId);
            }
        }
    }
}
