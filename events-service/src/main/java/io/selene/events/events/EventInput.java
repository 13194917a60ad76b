package io.selene.events.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * The structured parts of one event of {@code POST /2/events} (luna-api.md §3.4): its id, owner,
 * times, detections, face, match results and descriptor. The fields a caller gives as they are
 * (source, tags, location, face_attributes, ...) are read from the {@code EventFields} catalogue.
 */
public record EventInput(
        UUID eventId,
        UUID accountId,
        String url,
        UUID handlerId,
        OffsetDateTime createTime,
        OffsetDateTime endTime,
        List<Detection> detections,
        Face face,
        List<Match> matches,
        JsonNode topMatch,
        Descriptor descriptor) {

    public record Detection(OffsetDateTime detectTime, Double detectTs, String filename, String imageOrigin,
            Samples samples) {
    }

    public record Samples(Sample face, Sample body) {
    }

    public record Sample(UUID sampleId, String url, JsonNode detection) {
    }

    public record Face(UUID faceId, String url, List<UUID> lists) {
    }

    public record Match(String label, List<Candidate> candidates) {
    }

    /**
     * One candidate: {@code face} (with {@code face_id}) or {@code event} (with {@code event_id}), its
     * similarity and, optionally, the matcher's estimated {@code far} at that similarity (docs/far.md).
     */
    public record Candidate(JsonNode face, JsonNode event, Double similarity, Double far) {
    }

    /** Optional descriptor of the event's face for matching against events: raw bytes in base64. */
    public record Descriptor(Integer version, String data) {
    }
}
