package io.selene.events.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.Catalogue;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.Field;
import io.selene.commons.ids.EventIds;
import io.selene.commons.ids.Ids;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks one {@link EventInput} and turns it into a {@link NewEvent}; every refusal is a 400 102
 * naming the field by its path ({@code events[2].matches[0].candidates[1].similarity}).
 */
@Component
public class EventValidator {

    static final int MAX_DETECTIONS = 100;
    static final int MAX_CANDIDATES = 100;

    private final Clock clock;

    public EventValidator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param given the caller's given fields, already read from the catalogue
     * @param node  the event's JSON (its estimations are read from it)
     */
    public NewEvent validate(EventInput in, Map<Field, Object> given, JsonNode node, String at) {
        Map<Field, Object> values = new LinkedHashMap<>(given);
        OffsetDateTime now = Ids.now(clock);
        OffsetDateTime createTime = in.createTime() == null ? null : Ids.utc(in.createTime().toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        if (in.eventId() != null) {
            // The id carries the create time (see EventIds.generate), so create_time ranges are id ranges.
            java.time.Instant idTime = EventIds.timeOf(in.eventId());
            if (idTime == null) {
                throw bad(at + ".event_id", "must be a UUIDv7 with the create time in microseconds (see README); "
                        + "leave it out to have one generated");
            }
            if (createTime == null) {
                createTime = Ids.utc(idTime);
            } else if (!createTime.toInstant().equals(idTime)) {
                throw bad(at + ".event_id", "encodes " + idTime + " but create_time is " + createTime.toInstant());
            }
        }
        if (createTime == null) {
            createTime = now;
        }
        if (createTime.getYear() < 1970 || createTime.getYear() > 9999) {
            throw bad(at + ".create_time", "must be in the years 1970..9999");
        }
        OffsetDateTime endTime = in.endTime() == null ? createTime : in.endTime();
        if (endTime.isBefore(createTime)) {
            throw bad(at + ".end_time", "must not be before create_time");
        }
        values.put(EventFields.field("create_time"), createTime);
        values.put(EventFields.field("end_time"), endTime);
        if (in.handlerId() != null) {
            values.put(EventFields.field("handler_id"), in.handlerId());
        }

        List<NewEvent.NewDetection> detections = detections(in, node, at);
        values.put(EventFields.field("face_detection_count"),
                (int) detections.stream().filter(NewEvent.NewDetection::face).count());
        values.put(EventFields.field("body_detection_count"),
                (int) detections.stream().filter(NewEvent.NewDetection::body).count());
        // Filterable estimations: each from the event's face_attributes, else the first detection that has it.
        for (Field field : EventFields.CATALOGUE.of(Field.Source.ESTIMATED)) {
            List<String> path = EventFields.estimationPath(node, field.path());
            if (path != null) {
                values.put(field, field.fromJson(Catalogue.at(node, path), at + "." + Catalogue.text(path)));
            }
        }

        List<NewEvent.NewCandidate> candidates = candidates(in, node, at);
        NewEvent.TopMatch top = topMatch(in, candidates, at);
        if (top != null) {
            values.put(EventFields.field("top_matching_candidates_label"), top.label());
            values.put(EventFields.field("top_similar_object_id"), top.objectId());
            values.put(EventFields.field("top_similar_external_id"), top.externalId());
            values.put(EventFields.field("top_similar_object_similarity"), top.similarity());
            values.put(EventFields.field("top_match"), in.topMatch() != null && !in.topMatch().isNull()
                    ? in.topMatch() : topMatchJson(top));
        }

        UUID faceId = in.face() == null ? null : in.face().faceId();
        if (faceId != null) {
            values.put(EventFields.field("face_id"), faceId);
        }
        List<UUID> faceLists = in.face() == null || in.face().lists() == null ? null : in.face().lists();
        if (faceLists != null && faceLists.size() > 1000) {
            throw bad(at + ".face.lists", "at most 1000 lists");
        }
        Integer descriptorVersion = null;
        byte[] descriptor = null;
        if (in.descriptor() != null) {
            if (in.descriptor().version() == null || in.descriptor().data() == null) {
                throw bad(at + ".descriptor", "needs 'version' and 'data' (base64 raw bytes)");
            }
            descriptor = DescriptorCodec.decodeRawBase64(in.descriptor().data(), in.descriptor().version()).raw();
            descriptorVersion = in.descriptor().version();
        }
        UUID eventId = in.eventId() == null ? EventIds.generate(createTime.toInstant()) : in.eventId();
        values.values().removeIf(java.util.Objects::isNull);
        return new NewEvent(eventId, in.eventId() != null, values, faceLists, detections,
                in.matches() == null ? List.of() : in.matches().stream().map(EventInput.Match::label).toList(),
                candidates, descriptorVersion, descriptor);
    }

    /** LUNA's top_match made from the most similar candidate. */
    private static JsonNode topMatchJson(NewEvent.TopMatch top) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(top.objectType() + "_id", top.objectId().toString());
        node.put("similarity", top.similarity());
        if (top.far() != null) {
            node.put("far", top.far());
        }
        node.put("external_id", top.externalId());
        node.put("label", top.label());
        return node;
    }

    private List<NewEvent.NewDetection> detections(EventInput in, JsonNode node, String at) {
        List<NewEvent.NewDetection> out = new ArrayList<>();
        if (in.detections() == null) {
            return out;
        }
        if (in.detections().size() > MAX_DETECTIONS) {
            throw bad(at + ".detections", "at most " + MAX_DETECTIONS + " detections");
        }
        for (int i = 0; i < in.detections().size(); i++) {
            EventInput.Detection d = in.detections().get(i);
            String here = at + ".detections[" + i + "]";
            if (d == null) {
                throw bad(here, "must be an object");
            }
            text(here + ".filename", d.filename(), 255);
            text(here + ".image_origin", d.imageOrigin(), 512);
            if (d.detectTs() != null && (!Double.isFinite(d.detectTs()) || d.detectTs() < 0)) {
                throw bad(here + ".detect_ts", "must be a non-negative number");
            }
            UUID face = null;
            UUID body = null;
            boolean hasFace = d.samples() != null && d.samples().face() != null;
            boolean hasBody = d.samples() != null && d.samples().body() != null;
            if (d.samples() != null) {
                face = sample(here + ".samples.face", d.samples().face());
                body = sample(here + ".samples.body", d.samples().body());
            }
            out.add(new NewEvent.NewDetection(i, d.detectTime(), d.detectTs(), hasFace, hasBody, face, body,
                    node.path("detections").get(i)));
        }
        return out;
    }

    private UUID sample(String at, EventInput.Sample sample) {
        if (sample == null) {
            return null;
        }
        text(at + ".url", sample.url(), 512);
        if (sample.detection() != null && !sample.detection().isNull()) {
            if (!sample.detection().isObject()) {
                throw bad(at + ".detection", "must be an object");
            }
            JsonNode rect = sample.detection().get("rect");
            if (rect != null) {
                for (String field : List.of("x", "y", "width", "height")) {
                    if (!rect.path(field).isNumber()) {
                        throw bad(at + ".detection.rect." + field, "must be a number");
                    }
                }
            }
            JsonNode score = sample.detection().get("score");
            if (score != null && !score.isNull() && (!score.isNumber() || score.asDouble() < 0 || score.asDouble() > 1)) {
                throw bad(at + ".detection.score", "must be a number in 0..1");
            }
        }
        return sample.sampleId();
    }

    private List<NewEvent.NewCandidate> candidates(EventInput in, JsonNode node, String at) {
        List<NewEvent.NewCandidate> out = new ArrayList<>();
        if (in.matches() == null) {
            return out;
        }
        if (in.matches().size() > 100) {
            throw bad(at + ".matches", "at most 100 match results");
        }
        for (int m = 0; m < in.matches().size(); m++) {
            EventInput.Match match = in.matches().get(m);
            String here = at + ".matches[" + m + "]";
            if (match == null || match.label() == null || match.label().isEmpty()) {
                throw bad(here + ".label", "is required");
            }
            text(here + ".label", match.label(), 128);
            List<EventInput.Candidate> list = match.candidates() == null ? List.of() : match.candidates();
            if (list.size() > MAX_CANDIDATES) {
                throw bad(here + ".candidates", "at most " + MAX_CANDIDATES + " candidates");
            }
            for (int c = 0; c < list.size(); c++) {
                EventInput.Candidate candidate = list.get(c);
                String where = here + ".candidates[" + c + "]";
                if (candidate == null) {
                    throw bad(where, "must be an object");
                }
                boolean isFace = candidate.face() != null && !candidate.face().isNull();
                boolean isEvent = candidate.event() != null && !candidate.event().isNull();
                if (isFace == isEvent) {
                    throw bad(where, "needs exactly one of 'face' and 'event'");
                }
                String type = isFace ? "face" : "event";
                JsonNode object = isFace ? candidate.face() : candidate.event();
                UUID id = uuidField(where + "." + type + "." + type + "_id", object.get(type + "_id"));
                String externalId = object.path("external_id").isString() ? object.get("external_id").asString() : null;
                if (candidate.similarity() == null || candidate.similarity() < 0 || candidate.similarity() > 1) {
                    throw bad(where + ".similarity", "must be a number in 0..1");
                }
                if (candidate.far() != null && !(candidate.far() >= 0 && candidate.far() <= 1)) {
                    throw bad(where + ".far", "must be a number in 0..1");
                }
                out.add(new NewEvent.NewCandidate(m, match.label(), c, type, id, externalId, candidate.similarity(),
                        node.path("matches").get(m).path("candidates").get(c)));
            }
        }
        return out;
    }

    /** The given top_match, else the most similar candidate over every label. */
    private NewEvent.TopMatch topMatch(EventInput in, List<NewEvent.NewCandidate> candidates, String at) {
        JsonNode top = in.topMatch();
        if (top != null && !top.isNull()) {
            if (!top.isObject()) {
                throw bad(at + ".top_match", "must be an object");
            }
            UUID id = top.has("face_id") ? uuidField(at + ".top_match.face_id", top.get("face_id"))
                    : top.has("event_id") ? uuidField(at + ".top_match.event_id", top.get("event_id")) : null;
            if (id == null) {
                throw bad(at + ".top_match", "needs 'face_id' or 'event_id'");
            }
            JsonNode similarity = top.get("similarity");
            if (similarity == null || !similarity.isNumber() || similarity.asDouble() < 0 || similarity.asDouble() > 1) {
                throw bad(at + ".top_match.similarity", "must be a number in 0..1");
            }
            String label = top.path("label").isString() ? top.get("label").asString() : null;
            String external = top.path("external_id").isString() ? top.get("external_id").asString() : null;
            JsonNode far = top.get("far");
            if (far != null && !far.isNull() && (!far.isNumber() || far.asDouble() < 0 || far.asDouble() > 1)) {
                throw bad(at + ".top_match.far", "must be a number in 0..1");
            }
            return new NewEvent.TopMatch(label, top.has("face_id") ? "face" : "event", id, external,
                    similarity.asDouble(), far == null || far.isNull() ? null : far.asDouble());
        }
        return candidates.stream().max((a, b) -> Double.compare(a.similarity(), b.similarity()))
                .map(c -> new NewEvent.TopMatch(c.label(), c.objectType(), c.objectId(), c.externalId(), c.similarity(),
                        c.candidate() != null && c.candidate().path("far").isNumber()
                                ? c.candidate().get("far").asDouble() : null))
                .orElse(null);
    }

    private static UUID uuidField(String at, JsonNode value) {
        if (value == null || !value.isString() || value.asString().length() != 36) {
            throw bad(at, "must be a UUID");
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            throw bad(at, "must be a UUID");
        }
    }

    private static void text(String at, String value, int max) {
        if (value != null && value.length() > max) {
            throw bad(at, "longer than " + max + " characters");
        }
    }

    static io.selene.commons.error.LunaException bad(String field, String reason) {
        return PlatformErrors.BAD_BODY.exception("Bad field '" + field + "': " + reason);
    }

    static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
