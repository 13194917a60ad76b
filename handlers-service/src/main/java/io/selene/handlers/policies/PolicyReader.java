package io.selene.handlers.policies;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.far.FarTables;
import io.selene.commons.fields.EventFields;
import io.selene.commons.json.JsonFields;
import io.selene.handlers.vision.EstimationFlags;
import io.selene.handlers.vision.VisionErrors;
import io.selene.vision.Estimation;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads handler policies (luna-api.md §3.3) strictly and fills LUNA's defaults. Every refusal is a
 * 400 naming the field's path ({@code policies.match_policy[0].limit}): 102 for the schema and
 * for contradictions, 14013 for an estimation Selene has no model for (the flags are the
 * {@code Estimation} registry's, read as /detector reads its query: EstimationFlags), 14202 for an
 * option Selene does not offer. Nothing is ever ignored silently.
 */
@Component
public class PolicyReader {

    static final int MAX_LABEL = 36;
    /** HTTP callbacks per handler, their URL length and the shortest signing secret. */
    static final int MAX_CALLBACKS = 10;
    static final int MAX_URL = 2048;
    static final int MIN_SECRET = 16;
    static final int MAX_MATCH_POLICIES = 16;
    static final int MAX_TAG_POLICIES = 32;
    static final int MAX_LINKS = 100;
    static final int MAX_TARGETS = 32;
    static final int MAX_CANDIDATE_FIELDS = 32;
    static final int MAX_CANDIDATE_LIST = 1000;
    /** The matcher's default SELENE_MATCHER_MAX_LIMIT. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 3;
    static final int MAX_TTL = 86400;
    static final List<String> ORIGINS = List.of("faces", "events", "attributes");
    /** Candidate filters holding ids (one or a list): each must be a UUID. */
    private static final Set<String> ID_FIELDS = Set.of("list_id", "face_id", "event_id", "handler_id",
            "attribute_id", "face_ids", "event_ids", "handler_ids", "attribute_ids", "list_ids");


    /** Validates and fills defaults; {@code null}, missing or {@code {}} is every default. */
    public HandlerPolicies read(JsonNode policies, String path) {
        JsonFields f = JsonFields.of(policies, path);
        List<Labelled> filters = new ArrayList<>();
        DetectPolicy detect = detect(f.object("detect_policy"));
        ExtractPolicy extract = extract(f.object("extract_policy"));
        List<MatchPolicy> match = new ArrayList<>();
        List<JsonNode> rawMatch = f.array("match_policy", MAX_MATCH_POLICIES);
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < rawMatch.size(); i++) {
            MatchPolicy policy = match(JsonFields.of(rawMatch.get(i), f.path("match_policy") + "[" + i + "]"), filters);
            if (!labels.add(policy.label())) {
                throw JsonFields.bad(f.path("match_policy") + "[" + i + "].label", "label '" + policy.label()
                        + "' is used by another match policy");
            }
            match.add(policy);
        }
        StoragePolicy storage = storage(f.object("storage_policy"), filters);
        List<ConditionalTagsPolicy> tags = new ArrayList<>();
        List<JsonNode> rawTags = f.array("conditional_tags_policy", MAX_TAG_POLICIES);
        for (int i = 0; i < rawTags.size(); i++) {
            JsonFields t = JsonFields.of(rawTags.get(i), f.path("conditional_tags_policy") + "[" + i + "]");
            String tag = t.string("tag", null, 1, MAX_LABEL);
            if (tag == null) {
                throw JsonFields.bad(t.path("tag"), "is required");
            }
            tags.add(new ConditionalTagsPolicy(tag, filters(t, filters)));
            t.finish();
        }
        f.finish();

        // Combinations that could never do what they ask.
        if (!detect.has(Estimation.FACE_DETECTION) && !detect.has(Estimation.BODY_DETECTION)) {
            throw JsonFields.bad(f.path("detect_policy.detect_face"), "detect_face and detect_body are both 0: nothing to detect");
        }
        if (!detect.has(Estimation.FACE_DETECTION) && (extract.descriptor() || extract.basicAttributes())) {
            throw JsonFields.bad(f.path("extract_policy"), "face extraction needs detect_policy.detect_face=1");
        }
        if (!match.isEmpty() && !extract.descriptor()) {
            throw JsonFields.bad(f.path("match_policy"), "matching needs extract_policy.extract_face_descriptor=1");
        }
        if (storage.facePolicy().storeFace() == 1 && !extract.descriptor()) {
            throw JsonFields.bad(f.path("storage_policy.face_policy.store_face"),
                    "storing a face needs extract_policy.extract_face_descriptor=1");
        }
        if (!storage.facePolicy().linkToListsPolicy().isEmpty() && storage.facePolicy().storeFace() == 0) {
            throw JsonFields.bad(f.path("storage_policy.face_policy.link_to_lists_policy"),
                    "linking to lists needs storage_policy.face_policy.store_face=1");
        }
        if (storage.attributePolicy().storeAttribute() == 1 && !extract.descriptor() && !extract.basicAttributes()) {
            throw JsonFields.bad(f.path("storage_policy.attribute_policy.store_attribute"),
                    "storing attributes needs extract_face_descriptor=1 or extract_basic_attributes=1");
        }
        for (Labelled labelled : filters) {
            for (EventFilters.MatchFilter m : labelled.filters().match()) {
                if (!labels.contains(m.label())) {
                    throw JsonFields.bad(labelled.path() + ".match", "no match policy has label '" + m.label() + "'");
                }
            }
            if (labelled.filters().topMatchLabel() != null && !labels.contains(labelled.filters().topMatchLabel())) {
                throw JsonFields.bad(labelled.path() + ".top_matching_candidates_label", "no match policy has label '"
                        + labelled.filters().topMatchLabel() + "'");
            }
        }
        return new HandlerPolicies(detect, extract, List.copyOf(match), storage, List.copyOf(tags));
    }

    private record Labelled(String path, EventFilters filters) {
    }

    private static EventFilters filters(JsonFields parent, List<Labelled> all) {
        EventFilters filters = EventFilters.read(parent.object("filters"));
        all.add(new Labelled(parent.path("filters"), filters));
        return filters;
    }

    private static DetectPolicy detect(JsonFields f) {
        Double[] livenessThreshold = new Double[1];
        Set<Estimation> estimations = EstimationFlags.fromPolicy(f, "detect_policy", Set.of(Estimation.FACE_DETECTION),
                (estimation, settings) -> {
                    if (estimation == Estimation.LIVENESS) {
                        livenessThreshold[0] = settings.number("liveness_threshold", null, 0, 1);
                        if (settings.has("quality_threshold")) {
                            throw VisionErrors.notAvailable(settings.path("quality_threshold"));
                        }
                        settings.known("quality_threshold");
                    }
                });
        List<String> livenessStates = states(f, "liveness_states", EventFields.LIVENESS.values(),
                EventFields.LIVENESS.firstCode());
        if (!livenessStates.isEmpty() && !estimations.contains(Estimation.LIVENESS)) {
            throw JsonFields.bad(f.path("liveness_states"), "filtering by liveness needs estimate_liveness.estimate=1");
        }
        if (!states(f, "mask_states", EventFields.MASKS.values(), EventFields.MASKS.firstCode()).isEmpty()) {
            throw VisionErrors.notAvailable(f.path("mask_states"));
        }
        DetectPolicy policy = new DetectPolicy(estimations, f.integer("multiface_policy", 1, 0, 2),
                livenessThreshold[0], f.number("pitch_threshold", null, 0, 180), f.number("roll_threshold", null, 0, 180),
                f.number("yaw_threshold", null, 0, 180), livenessStates);
        f.finish();
        return policy;
    }

    private static List<String> states(JsonFields f, String name, List<String> known, int firstCode) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = f.array(name, known.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String state = item.isString() && known.contains(item.stringValue()) ? item.stringValue()
                    : item.isIntegralNumber() && item.canConvertToInt() && item.intValue() >= firstCode
                            && item.intValue() < firstCode + known.size() ? known.get(item.intValue() - firstCode)
                            : null;
            if (state == null) {
                throw JsonFields.bad(f.path(name) + "[" + i + "]", "must be one of " + known + " or their codes "
                        + firstCode + ".." + (firstCode + known.size() - 1));
            }
            if (!out.contains(state)) {
                out.add(state);
            }
        }
        return List.copyOf(out);
    }

    private static ExtractPolicy extract(JsonFields f) {
        Set<Estimation> estimations = EstimationFlags.fromPolicy(f, "extract_policy", Set.of(), null);
        ExtractPolicy policy = new ExtractPolicy(estimations, f.number("fd_score_threshold", 0.0, 0, 1));
        f.finish();
        return policy;
    }

    private static MatchPolicy match(JsonFields f, List<Labelled> all) {
        String label = f.string("label", null, 1, MAX_LABEL);
        if (label == null) {
            throw JsonFields.bad(f.path("label"), "is required");
        }
        JsonNode candidates = candidates(f.raw("candidates"), f.path("candidates"));
        EventFilters filters = filters(f, all);
        Double threshold = f.number("threshold", null, 0, 1);
        Double far = FarTables.preset(f, "far");
        int limit = f.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<String> targets = null;
        if (f.raw("targets") != null) {
            List<JsonNode> raw = f.array("targets", MAX_TARGETS);
            targets = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                JsonNode target = raw.get(i);
                if (!target.isString() || target.stringValue().isEmpty() || target.stringValue().length() > 64) {
                    throw JsonFields.bad(f.path("targets") + "[" + i + "]", "must be a target name");
                }
                targets.add(target.stringValue());
            }
            if (targets.isEmpty()) {
                throw JsonFields.bad(f.path("targets"), "must name at least one target");
            }
            targets = List.copyOf(targets);
        }
        f.finish();
        return new MatchPolicy(label, candidates, filters, threshold, limit, targets, far);
    }

    /**
     * The candidate filter object, passed to the matcher as is: {@code origin} is required, ids must be
     * UUIDs, lists are bounded; {@code account_id} is refused (the handler's account applies).
     */
    private static JsonNode candidates(JsonNode raw, String path) {
        if (raw == null) {
            throw JsonFields.bad(path, "is required");
        }
        if (!raw.isObject()) {
            throw JsonFields.bad(path, "must be an object");
        }
        if (raw.size() > MAX_CANDIDATE_FIELDS) {
            throw JsonFields.bad(path, "has more than " + MAX_CANDIDATE_FIELDS + " fields");
        }
        JsonNode origin = raw.get("origin");
        if (origin == null || !origin.isString() || !ORIGINS.contains(origin.stringValue())) {
            throw JsonFields.bad(path + ".origin", "must be one of " + ORIGINS);
        }
        for (Map.Entry<String, JsonNode> field : raw.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String here = path + "." + name;
            if ("account_id".equals(name)) {
                throw JsonFields.bad(here, "not allowed: candidates are always the handler's account");
            }
            if (ID_FIELDS.contains(name) && !value.isArray()) {
                JsonFields.uuid(value, here);
            }
            if (value.isArray()) {
                if (value.size() > MAX_CANDIDATE_LIST) {
                    throw JsonFields.bad(here, "has " + value.size() + " items; at most " + MAX_CANDIDATE_LIST);
                }
                int i = 0;
                for (JsonNode item : value) {
                    if (!item.isValueNode()) {
                        throw JsonFields.bad(here + "[" + i + "]", "must be a string or a number");
                    }
                    if (ID_FIELDS.contains(name)) {
                        JsonFields.uuid(item, here + "[" + i + "]");
                    }
                    i++;
                }
            } else if (value.isObject()) {
                throw JsonFields.bad(here, "must be a string, number or list");
            }
        }
        return raw.deepCopy();
    }

    /**
     * {@code callbacks}: LUNA's list, type {@code http} only (websocket push is notification_policy);
     * {@code url} absolute http(s), a {@code secret} to sign with, optional {@code enable}, {@code timeout}
     * (s) and {@code filters}. {@code delivery} (what GET answers) is read and ignored, so a GET answer
     * can be sent back.
     */
    private static List<Callback> callbacks(JsonFields storage, List<Labelled> all) {
        List<JsonNode> raw = storage.array("callbacks", MAX_CALLBACKS);
        List<Callback> callbacks = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            JsonFields c = JsonFields.of(raw.get(i), storage.path("callbacks") + "[" + i + "]");
            String type = c.requiredString("type", 1, 64);
            if (!"http".equals(type)) {
                throw PolicyErrors.NOT_SUPPORTED.exception(c.path("type"),
                        "only 'http' callbacks; websocket push is notification_policy (Sender)");
            }
            String url = c.requiredString("url", 1, MAX_URL);
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw JsonFields.bad(c.path("url"), "is not a URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw JsonFields.bad(c.path("url"), "must be an absolute http(s) URL with a host, no user info or fragment");
            }
            String secret = c.requiredString("secret", MIN_SECRET, 256);
            int enable = c.flag("enable", 1);
            int timeout = c.integer("timeout", 10, 1, 60);
            EventFilters filters = filters(c, all);
            c.raw("delivery");
            c.finish();
            callbacks.add(new Callback(url, secret, enable, timeout, filters));
        }
        return List.copyOf(callbacks);
    }

    private static StoragePolicy storage(JsonFields f, List<Labelled> all) {
        List<Callback> callbacks = callbacks(f, all);
        JsonFields face = f.object("face_sample_policy");
        SamplePolicy faceSample = new SamplePolicy(face.flag("store_sample", 1), filters(face, all));
        face.finish();
        JsonFields body = f.object("body_sample_policy");
        SamplePolicy bodySample = new SamplePolicy(body.flag("store_sample", 0), filters(body, all));
        body.finish();
        JsonFields image = f.object("image_origin_policy");
        if (image.flag("use_external_references", 0) == 1) {
            throw PolicyErrors.NOT_SUPPORTED.exception(image.path("use_external_references"),
                    "source images are stored in Image Store");
        }
        ImageOriginPolicy imageOrigin = new ImageOriginPolicy(image.flag("store_image", 0), filters(image, all));
        image.finish();
        JsonFields attribute = f.object("attribute_policy");
        AttributePolicy attributes = new AttributePolicy(attribute.flag("store_attribute", 0),
                attribute.optionalInteger("ttl", 1, MAX_TTL), filters(attribute, all));
        attribute.finish();
        JsonFields facePolicy = f.object("face_policy");
        List<LinkToList> links = new ArrayList<>();
        List<JsonNode> rawLinks = facePolicy.array("link_to_lists_policy", MAX_LINKS);
        Set<UUID> lists = new HashSet<>();
        for (int i = 0; i < rawLinks.size(); i++) {
            JsonFields link = JsonFields.of(rawLinks.get(i), facePolicy.path("link_to_lists_policy") + "[" + i + "]");
            UUID listId = link.uuid("list_id");
            if (listId == null) {
                throw JsonFields.bad(link.path("list_id"), "is required");
            }
            if (!lists.add(listId)) {
                throw JsonFields.bad(link.path("list_id"), "list " + listId + " is linked twice");
            }
            links.add(new LinkToList(listId, filters(link, all)));
            link.finish();
        }
        FacePolicy faces = new FacePolicy(facePolicy.flag("store_face", 0), facePolicy.flag("set_sample_as_avatar", 1),
                List.copyOf(links), filters(facePolicy, all));
        facePolicy.finish();
        JsonFields event = f.object("event_policy");
        EventPolicy events = new EventPolicy(event.flag("store_event", 1), event.flag("wait_saving", 0),
                filters(event, all));
        event.finish();
        JsonFields notification = f.object("notification_policy");
        NotificationPolicy notifications = new NotificationPolicy(notification.flag("send_notification", 1),
                filters(notification, all));
        notification.finish();
        f.finish();
        return new StoragePolicy(faceSample, bodySample, imageOrigin, attributes, faces, events, notifications,
                callbacks);
    }

    /** The policies as LUNA answers them: every field, defaults included. */
    public ObjectNode write(HandlerPolicies policies) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode out = json.objectNode();
        DetectPolicy d = policies.detectPolicy();
        ObjectNode detect = out.putObject("detect_policy");
        Map<Estimation, ObjectNode> forms = EstimationFlags.write(detect, "detect_policy", d.estimations());
        forms.get(Estimation.LIVENESS).put("liveness_threshold", d.livenessThreshold());
        detect.put("multiface_policy", d.multifacePolicy());
        detect.put("pitch_threshold", d.pitchThreshold());
        detect.put("roll_threshold", d.rollThreshold());
        detect.put("yaw_threshold", d.yawThreshold());
        states(detect, "liveness_states", d.livenessStates());
        states(detect, "mask_states", List.of());

        ExtractPolicy e = policies.extractPolicy();
        ObjectNode extract = out.putObject("extract_policy");
        EstimationFlags.write(extract, "extract_policy", e.estimations());
        extract.put("fd_score_threshold", e.fdScoreThreshold());

        ArrayNode match = out.putArray("match_policy");
        for (MatchPolicy m : policies.matchPolicy()) {
            ObjectNode item = match.addObject();
            item.put("label", m.label());
            item.set("candidates", m.candidates().deepCopy());
            item.set("filters", m.filters().toJson());
            item.put("threshold", m.threshold());
            item.put("far", m.far());
            item.put("limit", m.limit());
            if (m.targets() == null) {
                item.putNull("targets");
            } else {
                ArrayNode targets = item.putArray("targets");
                m.targets().forEach(targets::add);
            }
        }

        StoragePolicy s = policies.storagePolicy();
        ObjectNode storage = out.putObject("storage_policy");
        ObjectNode faceSample = storage.putObject("face_sample_policy");
        faceSample.put("store_sample", s.faceSamplePolicy().storeSample());
        faceSample.set("filters", s.faceSamplePolicy().filters().toJson());
        ObjectNode bodySample = storage.putObject("body_sample_policy");
        bodySample.put("store_sample", s.bodySamplePolicy().storeSample());
        bodySample.set("filters", s.bodySamplePolicy().filters().toJson());
        ObjectNode image = storage.putObject("image_origin_policy");
        image.put("store_image", s.imageOriginPolicy().storeImage());
        image.put("use_external_references", 0);
        image.set("filters", s.imageOriginPolicy().filters().toJson());
        ObjectNode attribute = storage.putObject("attribute_policy");
        attribute.put("store_attribute", s.attributePolicy().storeAttribute());
        attribute.put("ttl", s.attributePolicy().ttl());
        attribute.set("filters", s.attributePolicy().filters().toJson());
        ObjectNode face = storage.putObject("face_policy");
        face.put("store_face", s.facePolicy().storeFace());
        face.put("set_sample_as_avatar", s.facePolicy().setSampleAsAvatar());
        ArrayNode links = face.putArray("link_to_lists_policy");
        for (LinkToList link : s.facePolicy().linkToListsPolicy()) {
            ObjectNode item = links.addObject();
            item.put("list_id", link.listId().toString());
            item.set("filters", link.filters().toJson());
        }
        face.set("filters", s.facePolicy().filters().toJson());
        ObjectNode event = storage.putObject("event_policy");
        event.put("store_event", s.eventPolicy().storeEvent());
        event.put("wait_saving", s.eventPolicy().waitSaving());
        event.set("filters", s.eventPolicy().filters().toJson());
        ObjectNode notification = storage.putObject("notification_policy");
        notification.put("send_notification", s.notificationPolicy().sendNotification());
        notification.set("filters", s.notificationPolicy().filters().toJson());
        ArrayNode callbacks = storage.putArray("callbacks");
        for (Callback callback : s.callbacks()) {
            ObjectNode item = callbacks.addObject();
            item.put("type", "http");
            item.put("url", callback.url());
            item.put("secret", callback.secret());
            item.put("enable", callback.enable());
            item.put("timeout", callback.timeout());
            item.set("filters", callback.filters().toJson());
        }

        ArrayNode tags = out.putArray("conditional_tags_policy");
        for (ConditionalTagsPolicy tag : policies.conditionalTagsPolicy()) {
            ObjectNode item = tags.addObject();
            item.put("tag", tag.tag());
            item.set("filters", tag.filters().toJson());
        }
        return out;
    }

    private static void states(ObjectNode out, String name, List<String> states) {
        if (states.isEmpty()) {
            out.putNull(name);
        } else {
            ArrayNode array = out.putArray(name);
            states.forEach(array::add);
        }
    }
}
