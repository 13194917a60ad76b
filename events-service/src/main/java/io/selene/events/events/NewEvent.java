package io.selene.events.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** A validated event ready to be stored (filter columns already copied out of the estimations). */
public record NewEvent(
        UUID eventId,
        boolean idGiven,
        UUID handlerId,
        OffsetDateTime createTime,
        OffsetDateTime endTime,
        String source,
        List<String> tags,
        String userData,
        String externalId,
        String trackId,
        UUID streamId,
        UUID faceId,
        List<UUID> faceLists,
        Double age,
        Integer gender,
        String emotion,
        String liveness,
        String mask,
        EventInput.Location location,
        TopMatch topMatch,
        JsonNode faceAttributes,
        JsonNode bodyAttributes,
        JsonNode aggregateEstimations,
        JsonNode topMatchJson,
        JsonNode attachResult,
        JsonNode meta,
        List<NewDetection> detections,
        List<String> matchLabels,
        List<NewCandidate> candidates,
        Integer descriptorVersion,
        byte[] descriptor) {

    public record TopMatch(String label, String objectType, UUID objectId, String externalId, Double similarity) {
    }

    /** One detection; {@code face}/{@code body}: whether it has that sample (a body may come without a face). */
    public record NewDetection(int ordinal, OffsetDateTime detectTime, Double detectTs, boolean face, boolean body,
            UUID faceSampleId, UUID bodySampleId, JsonNode detection) {
    }

    public int faceDetectionCount() {
        return (int) detections.stream().filter(NewDetection::face).count();
    }

    public int bodyDetectionCount() {
        return (int) detections.stream().filter(NewDetection::body).count();
    }

    public record NewCandidate(int labelOrder, String label, int ordinal, String objectType, UUID objectId,
            String externalId, double similarity, JsonNode candidate) {
    }
}
