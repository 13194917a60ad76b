package io.selene.handlers.verifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.client.InternalClients;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.error.PlatformErrors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The descriptors a verification compares against, read with the caller's account (forwarded by
 * {@link InternalClients}): faces and temporary attributes from faces-service, events from
 * events-service. Another account's object answers exactly like a missing one (404), so a
 * verification can neither match it nor learn that it exists.
 */
@Component
class CandidateDescriptors {

    /** At most this many faces may carry the requested external ids together. */
    static final int MAX_EXTERNAL_FACES = 10;

    private final RestClient faces;
    private final RestClient events;

    CandidateDescriptors(InternalClients clients) {
        this.faces = clients.restClient("faces-service");
        this.events = clients.restClient("events-service");
    }

    /** The ids of a verification request, each list already bounded and without duplicates. */
    record Request(List<UUID> faceIds, List<UUID> attributeIds, List<UUID> eventIds, List<String> externalIds) {

        boolean isEmpty() {
            return faceIds.isEmpty() && attributeIds.isEmpty() && eventIds.isEmpty() && externalIds.isEmpty();
        }
    }

    /** One thing to verify against: its LUNA reference ({@code {"face": {"face_id"}}} ...) and unit descriptor. */
    record Candidate(Map<String, Object> reference, float[] descriptor) {
    }

    /** Every candidate in request order: faces, attributes, events, then the faces of the external ids. */
    List<Candidate> resolve(Request request, DescriptorVersion version) {
        List<Candidate> candidates = new ArrayList<>();
        for (UUID faceId : request.faceIds()) {
            candidates.add(face(faceId, null, version));
        }
        for (UUID attributeId : request.attributeIds()) {
            JsonNode attribute = faces.get().uri("/3/attributes/{id}", attributeId).retrieve().body(JsonNode.class);
            candidates.add(new Candidate(Map.of("attribute", Map.of("attribute_id", attributeId.toString())),
                    descriptor(attribute == null ? null : attribute.get("descriptors"), "Attribute", attributeId,
                            version)));
        }
        if (!request.eventIds().isEmpty()) {
            candidates.addAll(events(request.eventIds(), version));
        }
        if (!request.externalIds().isEmpty()) {
            candidates.addAll(external(request.externalIds(), version));
        }
        return candidates;
    }

    private Candidate face(UUID faceId, String externalId, DescriptorVersion version) {
        JsonNode answer = faces.get().uri("/3/faces/{id}/attributes", faceId).retrieve().body(JsonNode.class);
        JsonNode attributes = answer == null ? null : answer.get("attributes");
        Map<String, Object> face = new LinkedHashMap<>();
        face.put("face_id", faceId.toString());
        if (externalId != null) {
            face.put("external_id", externalId);
        }
        return new Candidate(Map.of("face", face), descriptor(attributes == null ? null : attributes.get("descriptors"),
                "Face", faceId, version));
    }

    /** Events through {@code GET /2/events/descriptors?event_ids=}: an event of another account yields nothing. */
    private List<Candidate> events(List<UUID> eventIds, DescriptorVersion version) {
        JsonNode answer = events.get()
                .uri("/2/events/descriptors?event_ids={ids}&version={version}&limit={limit}",
                        String.join(",", eventIds.stream().map(UUID::toString).toList()), version.number(),
                        eventIds.size())
                .accept(MediaType.APPLICATION_JSON)
                .retrieve().body(JsonNode.class);
        Map<String, String> found = new LinkedHashMap<>();
        if (answer != null && answer.get("descriptors") != null) {
            answer.get("descriptors").forEach(d -> found.put(d.get("event_id").asString(), d.get("data").asString()));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (UUID eventId : eventIds) {
            String data = found.get(eventId.toString());
            if (data == null) {
                throw VerifierErrors.EVENT_NOT_FOUND.exception(eventId);
            }
            candidates.add(new Candidate(Map.of("event", Map.of("event_id", eventId.toString())),
                    DescriptorCodec.decodeRawBase64(data, version.number()).values()));
        }
        return candidates;
    }

    /** The faces of the account that carry the external ids (each id must name at least one). */
    private List<Candidate> external(List<String> externalIds, DescriptorVersion version) {
        JsonNode answer = faces.get()
                .uri("/3/faces?external_ids={ids}&targets=face_id,external_id&page_size={size}",
                        String.join(",", externalIds), MAX_EXTERNAL_FACES + 1)
                .retrieve().body(JsonNode.class);
        JsonNode found = answer == null ? null : answer.get("faces");
        if (found == null || !found.isArray()) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("faces-service", "200 without faces");
        }
        if (found.size() > MAX_EXTERNAL_FACES) {
            throw VerifierErrors.TOO_MANY_CANDIDATES.exception("external_ids name more than " + MAX_EXTERNAL_FACES
                    + " faces");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String externalId : externalIds) {
            int before = candidates.size();
            for (JsonNode face : found) {
                if (externalId.equals(face.get("external_id").asString())) {
                    candidates.add(face(UUID.fromString(face.get("face_id").asString()), externalId, version));
                }
            }
            if (candidates.size() == before) {
                throw VerifierErrors.EXTERNAL_ID_NOT_FOUND.exception(externalId);
            }
        }
        return candidates;
    }

    private static float[] descriptor(JsonNode descriptors, String kind, UUID id, DescriptorVersion version) {
        if (descriptors != null) {
            for (JsonNode descriptor : descriptors) {
                if (descriptor.get("version").asInt() == version.number()) {
                    return DescriptorCodec.decodeRawBase64(descriptor.get("data").asString(), version.number())
                            .values();
                }
            }
        }
        throw VerifierErrors.NO_DESCRIPTOR.exception(kind, id, version.number());
    }
}
