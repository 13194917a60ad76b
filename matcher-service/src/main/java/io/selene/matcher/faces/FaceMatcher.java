package io.selene.matcher.faces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.client.InternalClients;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.matcher.MatcherErrors;
import io.selene.matcher.Vectors;
import io.selene.matcher.config.MatcherSettings;
import io.selene.matcher.index.Scanner;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * 1:N matching of references against face lists held by {@link ListGalleries}. References are
 * read from faces-service with the caller's account, so another account's face or attribute is
 * never read; each list is checked visible to the caller before its gallery is scanned.
 */
@Service
public class FaceMatcher {

    static final Set<String> TARGETS = Set.of("face_id", "similarity", "user_data", "external_id", "create_time",
            "avatar", "event_id", "account_id");
    private static final Set<String> FILTERS = Set.of("origin", "list_id");

    private final ListGalleries galleries;
    private final IndexSynchroniser index;
    private final FacesSource faces;
    private final Scanner scanner;
    private final MatcherSettings settings;
    private final RestClient facesClient;

    public FaceMatcher(ListGalleries galleries, IndexSynchroniser index, FacesSource faces, Scanner scanner,
            MatcherSettings settings, InternalClients clients) {
        this.galleries = galleries;
        this.index = index;
        this.faces = faces;
        this.scanner = scanner;
        this.settings = settings;
        this.facesClient = clients.restClient(FacesSource.SERVICE);
    }

    public List<Map<String, Object>> match(FaceMatchRequest request, AccountContext account) {
        account.requireAccount();
        List<FaceMatchRequest.Reference> references = request.references();
        if (references == null || references.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("'references' must hold at least one reference");
        }
        if (references.size() > settings.maxReferences()) {
            throw MatcherErrors.TOO_MANY_REFERENCES.exception(references.size(), settings.maxReferences());
        }
        List<FaceMatchRequest.CandidateBlock> blocks = request.candidates();
        if (blocks == null || blocks.isEmpty() || blocks.size() > 10) {
            throw PlatformErrors.BAD_BODY.exception("'candidates' must hold 1..10 candidate blocks");
        }
        List<Block> parsed = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            parsed.add(block(blocks.get(b), "candidates[" + b + "]"));
        }
        float[][] vectors = new float[references.size()][];
        for (int r = 0; r < references.size(); r++) {
            vectors[r] = reference(references.get(r), "references[" + r + "]");
        }
        if (!index.awaitLoaded()) {
            throw MatcherErrors.INDEX_LOADING.exception();
        }

        List<List<Map<String, Object>>> matchesPerReference = new ArrayList<>();
        for (int r = 0; r < references.size(); r++) {
            matchesPerReference.add(new ArrayList<>());
        }
        for (Block block : parsed) {
            faces.requireVisibleList(block.listId());
            float minCosine = (float) Similarity.toCosine(block.threshold());
            ListGalleries.ListHits[] hits = galleries.scan(block.listId(), vectors, block.limit(), minCosine, scanner)
                    .orElse(null);
            Map<UUID, JsonNode> details = hits == null ? Map.of() : details(hits, block.targets());
            for (int r = 0; r < references.size(); r++) {
                List<Map<String, Object>> candidates = new ArrayList<>();
                if (hits != null) {
                    for (int i = 0; i < hits[r].faceIds().length; i++) {
                        candidates.add(candidate(hits[r].faceIds()[i], hits[r].cosines()[i], block.targets(), details));
                    }
                }
                Map<String, Object> match = new LinkedHashMap<>();
                match.put("filters", block.filters());
                match.put("candidates", candidates);
                matchesPerReference.get(r).add(match);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (int r = 0; r < references.size(); r++) {
            Map<String, Object> reference = new LinkedHashMap<>();
            reference.put("type", references.get(r).type());
            reference.put("id", references.get(r).id());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("reference", reference);
            entry.put("matches", matchesPerReference.get(r));
            result.add(entry);
        }
        return result;
    }

    private record Block(Map<String, Object> filters, UUID listId, int limit, double threshold, List<String> targets) {
    }

    private Block block(FaceMatchRequest.CandidateBlock block, String path) {
        Map<String, Object> filters = block.filters() == null ? Map.of() : block.filters();
        for (String key : filters.keySet()) {
            if (!FILTERS.contains(key)) {
                throw MatcherErrors.FILTER_NOT_SUPPORTED.exception(path + ".filters." + key);
            }
        }
        if (!"faces".equals(filters.get("origin"))) {
            throw MatcherErrors.FILTER_NOT_SUPPORTED.exception(path + ".filters.origin=" + filters.get("origin"));
        }
        Object list = filters.get("list_id");
        if (list == null) {
            throw MatcherErrors.FILTER_NOT_SUPPORTED.exception(path + ".filters without list_id");
        }
        UUID listId;
        try {
            listId = UUID.fromString(list.toString());
        } catch (IllegalArgumentException e) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".filters.list_id' is not a UUID");
        }
        int limit = block.limit() == null ? 3 : block.limit();
        if (limit < 1 || limit > settings.maxLimit()) {
            throw MatcherErrors.LIMIT_TOO_LARGE.exception(limit, settings.maxLimit());
        }
        double threshold = block.threshold() == null ? 0 : block.threshold();
        if (threshold < 0 || threshold > 1) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".threshold' must be in 0..1");
        }
        List<String> targets = block.targets() == null ? List.of("face_id", "similarity") : block.targets();
        for (String target : targets) {
            if (!TARGETS.contains(target)) {
                throw MatcherErrors.BAD_TARGET.exception(target, TARGETS);
            }
        }
        return new Block(filters, listId, limit, threshold, targets);
    }

    private float[] reference(FaceMatchRequest.Reference reference, String path) {
        if (reference == null || reference.type() == null) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".type' is required");
        }
        try {
            float[] values = switch (reference.type()) {
                case "face" -> faces.faceDescriptor(uuid(reference.id(), path), false)
                        .orElseThrow(() -> MatcherErrors.NO_DESCRIPTOR.exception(path, reference.id()));
                case "attribute" -> faces.attributeDescriptor(uuid(reference.id(), path))
                        .orElseThrow(() -> MatcherErrors.NO_DESCRIPTOR.exception(path, reference.id()));
                case "sdk_descriptor" -> DescriptorCodec.fromSdkBase64(required(reference.data(), path)).values();
                case "raw_descriptor" -> DescriptorCodec.decodeRawBase64(required(reference.data(), path),
                        reference.descriptorVersion() == null ? DescriptorVersion.DEFAULT_FACE.number()
                                : reference.descriptorVersion()).values();
                default -> throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception("'" + path
                        + ".type' must be face, attribute, sdk_descriptor or raw_descriptor");
            };
            return Vectors.unit(values);
        } catch (IllegalArgumentException e) {
            throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception(path + ": " + e.getMessage());
        } catch (LunaException e) {
            if (e.status().is4xxClientError() && !e.detail().startsWith(path)) {
                throw new LunaException(e.status(), e.errorCode(), e.desc(), path + ": " + e.detail());
            }
            throw e;
        }
    }

    /** Fields other than face_id/similarity come from faces-service, read with the caller's account. */
    private Map<UUID, JsonNode> details(ListGalleries.ListHits[] hits, List<String> targets) {
        Set<String> wanted = new LinkedHashSet<>(targets);
        wanted.remove("similarity");
        if (wanted.isEmpty() || (wanted.size() == 1 && wanted.contains("face_id"))) {
            return Map.of();
        }
        wanted.add("face_id");
        Set<UUID> ids = new LinkedHashSet<>();
        for (ListGalleries.ListHits hit : hits) {
            ids.addAll(List.of(hit.faceIds()));
        }
        Map<UUID, JsonNode> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 100) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 100));
            JsonNode body = facesClient.get().uri("/3/faces?face_ids={ids}&targets={targets}&page_size=100",
                    String.join(",", chunk.stream().map(UUID::toString).toList()), String.join(",", wanted))
                    .retrieve().body(JsonNode.class);
            for (JsonNode face : body.get("faces")) {
                found.put(UUID.fromString(face.get("face_id").asString()), face);
            }
        }
        return found;
    }

    private static Map<String, Object> candidate(UUID faceId, float cosine, List<String> targets,
            Map<UUID, JsonNode> details) {
        Map<String, Object> face = new LinkedHashMap<>();
        JsonNode detail = details.get(faceId);
        for (String target : targets) {
            if ("similarity".equals(target)) {
                continue;
            }
            if ("face_id".equals(target)) {
                face.put("face_id", faceId.toString());
            } else if (detail != null && detail.has(target)) {
                face.put(target, detail.get(target));
            }
        }
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("face", face);
        if (targets.contains("similarity")) {
            candidate.put("similarity", Similarity.fromCosine(Math.min(1f, cosine)));
        }
        return candidate;
    }

    private static UUID uuid(String id, String path) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".id' must be a UUID");
        }
    }

    private static String required(String data, String path) {
        if (data == null || data.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".data' is required");
        }
        return data;
    }
}
