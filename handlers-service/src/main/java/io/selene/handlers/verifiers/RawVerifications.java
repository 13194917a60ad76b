package io.selene.handlers.verifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.client.InternalClients;
import io.selene.commons.far.FarTables;
import io.selene.commons.error.PlatformErrors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /1/verifiers/{verifier_id}/raw}: every reference descriptor against every candidate
 * descriptor, as matcher-service's {@code /1/matcher/raw} computes it (the same decoding, version check,
 * limits and similarity), with each pair's {@code status} = similarity ≥ the verifier's
 * {@code verification_threshold}. Only the posted descriptors are compared; nothing is read or stored.
 */
@Component
class RawVerifications {

    private static final Set<String> FIELDS = Set.of("references", "candidates");

    private final RestClient matcher;
    private final FarTables farTables;

    RawVerifications(InternalClients clients, FarTables farTables) {
        this.matcher = clients.restClient("matcher-service");
        this.farTables = farTables;
    }

    Map<String, Object> verify(VerifierPolicies policies, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw PlatformErrors.BAD_BODY.exception("Request body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw PlatformErrors.BAD_BODY.exception("Unknown field '" + name + "'");
            }
        }
        // no limit or threshold: a verification answers every pair
        JsonNode answer = matcher.post().uri("/1/matcher/raw")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class);
        JsonNode matches = answer == null ? null : answer.get("matches");
        if (matches == null || !matches.isArray()) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("matcher-service", "200 without matches");
        }
        double threshold = policies.threshold(farTables);
        List<Object> references = new ArrayList<>(matches.size());
        for (JsonNode reference : matches) {
            List<Object> pairs = new ArrayList<>();
            for (JsonNode candidate : reference.path("matches")) {
                double similarity = candidate.path("similarity").asDouble();
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("candidate_id", candidate.path("candidate_id").asString());
                pair.put("similarity", similarity);
                pair.put("far", candidate.path("far").asDouble(farTables.far(similarity)));
                pair.put("status", similarity >= threshold);
                pairs.add(pair);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("reference_id", reference.path("reference_id").asString());
            entry.put("matches", pairs);
            references.add(entry);
        }
        return Map.of("matches", references);
    }
}
