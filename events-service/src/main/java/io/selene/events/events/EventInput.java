package io.selene.events.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One event of {@code POST /2/events}, in the shape of LUNA's generated events (luna-api.md §3.4).
 * Estimation objects ({@code face_attributes}, a detection's {@code detection}, ...) are kept as
 * given; the fields Selene filters on are copied out of them (see {@link NewEvent}).
 */
public record EventInput(
        UUID eventId,
        UUID accountId,
        String url,
        UUID handlerId,
        OffsetDateTime createTime,
        OffsetDateTime endTime,
        String source,
        List<String> tags,
        String userData,
        String externalId,
        String trackId,
        UUID streamId,
        Location location,
        List<Detection> detections,
        JsonNode faceAttributes,
        JsonNode bodyAttributes,
        JsonNode aggregateEstimations,
        Face face,
        List<Match> matches,
        JsonNode topMatch,
        JsonNode attachResult,
        JsonNode meta,
        Descriptor descriptor) {

    /** The body: {@code {"events": [...]}}. */
    public record Batch(List<EventInput> events) {
    }

    public record Location(String city, String area, String district, String street, String houseNumber,
            GeoPosition geoPosition) {
    }

    public record GeoPosition(Double latitude, Double longitude) {
    }

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

    /** One candidate: {@code face} (with {@code face_id}) or {@code event} (with {@code event_id}), and its similarity. */
    public record Candidate(JsonNode face, JsonNode event, Double similarity) {
    }

    /** Optional descriptor of the event's face for matching against events: raw bytes in base64. */
    public record Descriptor(Integer version, String data) {
    }
}
