package io.selene.handlers.vision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.commons.client.InternalClients;
import io.selene.commons.error.PlatformErrors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Temporary attributes in faces-service ({@code POST /3/attributes}). */
@Component
class AttributeClient {

    private final RestClient faces;

    AttributeClient(InternalClients clients) {
        this.faces = clients.restClient("faces-service");
    }

    record Created(String attributeId, String expiryTime) {
    }

    /**
     * @param descriptor raw base64 of a version-201 descriptor, or null
     * @param basic      {@code {"age", "gender"}} or null
     */
    Created create(String descriptor, int descriptorVersion, Map<String, Object> basic, List<String> sampleIds,
            long ttlSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (descriptor != null) {
            body.put("descriptors", List.of(Map.of("version", descriptorVersion, "data", descriptor)));
        }
        if (basic != null) {
            body.put("basic_attributes", basic);
        }
        body.put("sample_ids", sampleIds);
        body.put("ttl", ttlSeconds);
        JsonNode answer = faces.post().uri("/3/attributes")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || !answer.hasNonNull("attribute_id")) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("faces-service", "201 without attribute_id");
        }
        return new Created(answer.get("attribute_id").asString(),
                answer.hasNonNull("expiry_time") ? answer.get("expiry_time").asString() : null);
    }

    /** {@code DELETE /3/attributes/{id}} in the caller's account. */
    void delete(String attributeId) {
        faces.delete().uri("/3/attributes/{id}", attributeId)
                .retrieve()
                .toBodilessEntity();
    }
}
