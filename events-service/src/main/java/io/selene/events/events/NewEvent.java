package io.selene.events.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.fields.Field;
import tools.jackson.databind.JsonNode;

/**
 * A validated event ready to be stored.
 *
 * @param values the value of each catalogue field stored in a column of {@code event} (given, copied out
 *               of the estimations, or derived: the top match, the face, the detection counts)
 */
public record NewEvent(
        UUID eventId,
        boolean idGiven,
        Map<Field, Object> values,
        List<UUID> faceLists,
        List<NewDetection> detections,
        List<String> matchLabels,
        List<NewCandidate> candidates,
        Integer descriptorVersion,
        byte[] descriptor) {

    public record TopMatch(String label, String objectType, UUID objectId, String externalId, Double similarity,
            Double far) {
    }

    /** One detection; {@code face}/{@code body}: whether it has that sample (a body may come without a face). */
    public record NewDetection(int ordinal, java.time.OffsetDateTime detectTime, Double detectTs, boolean face,
            boolean body, UUID faceSampleId, UUID bodySampleId, JsonNode detection) {
    }

    public record NewCandidate(int labelOrder, String label, int ordinal, String objectType, UUID objectId,
            String externalId, double similarity, JsonNode candidate) {
    }
}
