package io.selene.handlers.events;

import java.time.OffsetDateTime;
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
import io.selene.vision.Similarity;
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
            EventExtras extras, EventTimes times, boolean aggregate, boolean warps) {
        return generate(handler, policies, inputs, java.util.Collections.nCopies(inputs.size(), extras),
                java.util.Collections.nCopies(inputs.size(), times), aggregate, warps);
    }

    /**
     * As above, with each image's own extras and times (stream events: one item of the request per image);
     * an aggregated event takes the first image's.
     */
    Map<String, Object> generate(Handler handler, HandlerPolicies policies, List<ImageInputs.Input> inputs,
            List<EventExtras> extrasOf, List<EventTimes> timesOf, boolean aggregate, boolean warps) {
        EventExtras extras = extrasOf.getFirst();
        EventTimes times = timesOf.getFirst();
        DetectPolicy detect = policies.detectPolicy();
        Set<Estimation> estimations = EnumSet.noneOf(Estimation.class);
        estimations.addAll(detect.estimations());
        estimations.addAll(policies.extractPolicy().estimations());
        if (!policies.matchPolicy().isEmpty()) {
            estimations.add(Estimation.FACE_DESCRIPTOR); // to match with, kept only when extracted
        }
        List<VisionPipeline.Image> analysed = vision.analyse(inputs, new EstimationRequest(estimations,
                detect.multifacePolicy(), Double.NaN, detect.pitchThreshold(), detect.rollThreshold(),
                detect.yawThreshold()), warps);

        List<Generated> generated = new ArrayList<>();
        List<Map<String, Object>> images = new ArrayList<>();
        RequestObjects made = new RequestObjects(handler.accountId());
        // one source image per image of the request, stored by the first event that asks for it
        Map<VisionPipeline.Image, String> origins = new java.util.IdentityHashMap<>();
        List<ObjectNode> events = new ArrayList<>();
        try {
            for (int index = 0; index < analysed.size(); index++) {
                VisionPipeline.Image image = analysed.get(index);
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("filename", image.input().filename());
                LunaException error = image.error();
                if (error == null && !aggregate) {
                    RequestObjects madeForImage = new RequestObjects(handler.accountId());
                    try {
                        generated.addAll(image(handler, policies, image, extrasOf.get(index), timesOf.get(index),
                                origins, madeForImage));
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
            if (aggregate) {
                // one event over the request's images: what it stores is the request's, undone with it
                generated.addAll(aggregated(handler, policies,
                        analysed.stream().filter(image -> image.error() == null).toList(), extras, times, origins, made));
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

    /** One face (with its body), or one body, of one image: what an event is made of. */
    private record Part(VisionPipeline.Image image, VisionPipeline.Detection detection) {
    }

    private List<Generated> image(Handler handler, HandlerPolicies policies, VisionPipeline.Image image,
            EventExtras extras, EventTimes times, Map<VisionPipeline.Image, String> origins,
            RequestObjects made) {
        List<Generated> out = new ArrayList<>();
        for (VisionPipeline.Detection detection : image.detections()) {
            if (kept(policies, detection)) {
                out.add(event(handler, policies, List.of(new Part(image, detection)), extras, times, origins, made));
            }
        }
        return out;
    }

    /**
     * Whether a detection makes an event: its liveness among the policy's states, and a descriptor good
     * enough for LUNA's fd_score_threshold.
     */
    private static boolean kept(HandlerPolicies policies, VisionPipeline.Detection detection) {
        if (detection.face() == null) {
            return true;
        }
        if (!livenessKept(policies.detectPolicy(), detection.attributes())) {
            return false;
        }
        double fdThreshold = policies.extractPolicy().fdScoreThreshold();
        // LUNA fd_score_threshold: a face too poor for a descriptor makes no event
        return fdThreshold <= 0 || detection.descriptor() == null || detection.descriptorScore() >= fdThreshold;
    }

    /**
     * {@code aggregate_attributes=1}: one event for the request, from the best face of each image (LUNA
     * expects one face per image), with a detection per image and the face attributes of the person: the
     * renormalised mean descriptor (matched, stored in the attribute, face and event) and the mean basic
     * attributes, also under {@code aggregate_estimations.face.attributes}.
     */
    private List<Generated> aggregated(Handler handler, HandlerPolicies policies, List<VisionPipeline.Image> images,
            EventExtras extras, EventTimes times, Map<VisionPipeline.Image, String> origins,
            RequestObjects made) {
        List<Part> parts = new ArrayList<>();
        for (VisionPipeline.Image image : images) {
            VisionPipeline.Detection best = null;
            for (VisionPipeline.Detection detection : image.detections()) {
                if (detection.face() != null && kept(policies, detection) && (best == null
                        || score(detection) > score(best))) {
                    best = detection;
                }
            }
            if (best != null) {
                parts.add(new Part(image, best));
            }
        }
        return parts.isEmpty() ? List.of() : List.of(event(handler, policies, parts, extras, times, origins, made));
    }

    private static double score(VisionPipeline.Detection detection) {
        return detection.face().get("score") instanceof Number score ? score.doubleValue() : 0;
    }

    /** The mean of the parts' descriptors, renormalised; null when a part has none. */
    private static float[] descriptor(List<Part> parts) {
        List<float[]> descriptors = new ArrayList<>();
        for (Part part : parts) {
            if (part.detection().descriptor() == null) {
                return null;
            }
            descriptors.add(part.detection().descriptor());
        }
        return parts.size() == 1 ? descriptors.getFirst() : Similarity.aggregate(descriptors);
    }

    /** The parts' basic attributes (LUNA's {age, gender}): mean age, the gender of the majority; null if one lacks them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> basicAttributes(List<Part> parts) {
        double age = 0;
        double male = 0;
        for (Part part : parts) {
            if (!(part.detection().attributes().get("basic_attributes") instanceof Map<?, ?> basic)) {
                return null;
            }
            if (parts.size() == 1) {
                return (Map<String, Object>) basic;
            }
            age += ((Number) basic.get("age")).doubleValue() / parts.size();
            male += ((Number) basic.get("gender")).doubleValue() / parts.size();
        }
        Map<String, Object> mean = new LinkedHashMap<>();
        mean.put("age", (int) Math.round(age));
        mean.put("gender", male > 0.5 ? 1 : 0);
        return mean;
    }

    private Generated event(Handler handler, HandlerPolicies policies, List<Part> parts, EventExtras extras,
            EventTimes times, Map<VisionPipeline.Image, String> origins, RequestObjects made) {
        OffsetDateTime now = times.create(); // the request's time unless Luna-Event-Time set it
        StoragePolicy storage = policies.storagePolicy();
        ObjectNode event = base(handler, extras, times);
        ArrayNode detections = event.putArray("detections");
        List<ObjectNode> detectionNodes = new ArrayList<>();
        List<ObjectNode> sampleNodes = new ArrayList<>();
        boolean anyFace = false;
        for (Part part : parts) {
            VisionPipeline.Detection detection = part.detection();
            ObjectNode detectionNode = detections.addObject();
            detectionNode.put("detect_time", (extras.detectTime() == null ? now : extras.detectTime()).toString());
            if (extras.detectTs() != null) {
                detectionNode.put("detect_ts", extras.detectTs());
            }
            detectionNode.put("filename", part.image().input().filename());
            ObjectNode samples = detectionNode.putObject("samples");
            if (detection.face() != null) {
                anyFace = true;
                Map<String, Object> faceDetection = new LinkedHashMap<>(detection.face());
                Map<String, Object> estimations = new LinkedHashMap<>(detection.attributes());
                estimations.remove("basic_attributes"); // extracted, so under face_attributes
                if (!estimations.isEmpty()) {
                    faceDetection.put("attributes", estimations);
                }
                samples.putObject("face").set("detection", json.valueToTree(faceDetection));
            }
            if (detection.body() != null) {
                samples.putObject("body").set("detection", json.valueToTree(detection.body()));
            }
            detectionNodes.add(detectionNode);
            sampleNodes.add(samples);
        }
        float[] descriptor = descriptor(parts);
        Map<String, Object> basic = anyFace ? basicAttributes(parts) : null;
        ObjectNode faceAttributes = null;
        if (anyFace && (basic != null || descriptor != null)) {
            faceAttributes = event.putObject("face_attributes");
            if (basic != null) {
                faceAttributes.set("basic_attributes", json.valueToTree(basic));
            }
            if (descriptor != null && policies.extractPolicy().descriptor()) {
                faceAttributes.put("score", parts.stream().mapToDouble(p -> p.detection().descriptorScore())
                        .average().orElse(0));
            }
            if (faceAttributes.isEmpty()) {
                event.remove("face_attributes");
                faceAttributes = null;
            }
        }
        if (parts.size() > 1 && basic != null) {
            event.putObject("aggregate_estimations").putObject("face").putObject("attributes")
                    .set("basic_attributes", json.valueToTree(basic));
        }

        if (descriptor != null) {
            match(handler, policies.matchPolicy(), descriptor, event);
        }
        tags(policies.conditionalTagsPolicy(), event);

        // storage policy, in LUNA's order
        List<String> sampleIds = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            VisionPipeline.Detection detection = parts.get(i).detection();
            ObjectNode samples = sampleNodes.get(i);
            if (detection.faceSample() != null && storage.faceSamplePolicy().storeSample() == 1
                    && storage.faceSamplePolicy().filters().test(event)) {
                String id = vision.storeFaceSample(detection.faceSample());
                made.add("face sample", id, () -> vision.deleteFaceSample(id));
                sampleRef((ObjectNode) samples.get("face"), id, VisionPipeline.faceSampleUrl(id));
                sampleIds.add(id);
            }
            if (detection.bodySample() != null && storage.bodySamplePolicy().storeSample() == 1
                    && storage.bodySamplePolicy().filters().test(event)) {
                String id = vision.storeBodySample(detection.bodySample());
                made.add("body sample", id, () -> vision.deleteBodySample(id));
                sampleRef((ObjectNode) samples.get("body"), id, VisionPipeline.bodySampleUrl(id));
            }
        }
        if (faceAttributes != null && !sampleIds.isEmpty()) {
            ArrayNode ids = faceAttributes.putArray("samples");
            sampleIds.forEach(ids::add);
        }
        for (int i = 0; i < parts.size(); i++) {
            VisionPipeline.Image image = parts.get(i).image();
            if (image.input().bytes() != null && storage.imageOriginPolicy().storeImage() == 1
                    && storage.imageOriginPolicy().filters().test(event)) {
                // stored once per image, on the first event that asks
                String origin = origins.computeIfAbsent(image,
                        im -> "/6/images/" + storeImage(handler, im.input().bytes(), made));
                detectionNodes.get(i).put("image_origin", origin);
            }
        }
        float[] extracted = policies.extractPolicy().descriptor() ? descriptor : null;
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
            storeFace(handler, storage, event, extracted, basic, sampleIds,
                    sampleIds.isEmpty() ? null : sampleIds.getFirst(), extras, eventId, made);
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
        return new Generated(event, stored);
    }

    private ObjectNode base(Handler handler, EventExtras extras, EventTimes times) {
        ObjectNode event = json.createObjectNode();
        event.put("handler_id", handler.handlerId().toString());
        event.put("account_id", handler.accountId().toString());
        event.put("create_time", times.create().toString());
        event.put("end_time", times.end().toString());
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
            if (policy.far() != null) {
                candidates.put("far", policy.far());
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
                    if (candidate.path("far").isNumber()) {
                        top.put("far", candidate.get("far").asDouble());
                    }
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
