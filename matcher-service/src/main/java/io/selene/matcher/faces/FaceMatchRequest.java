package io.selene.matcher.faces;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /matcher/faces} (LUNA §7.1): references × candidate blocks.
 *
 * @param references {@code type} face | attribute | event (by {@code id}) or sdk_descriptor | raw_descriptor
 *                   (with {@code data} base64 and, for raw, {@code descriptor_version})
 * @param candidates blocks of {@code filters} ({@code origin} faces | events | attributes and that origin's
 *                   filters), {@code limit}, {@code threshold} (similarity 0..1) or {@code far} (a FAR
 *                   preset, 1e-3 | 1e-4 | 1e-5, standing for its similarity; with both, the higher
 *                   threshold) and {@code targets}
 */
public record FaceMatchRequest(List<Reference> references, List<CandidateBlock> candidates) {

    public record Reference(String type, String id, String data, Integer descriptorVersion) {
    }

    public record CandidateBlock(Map<String, Object> filters, Integer limit, Double threshold, List<String> targets,
            Double far) {
    }
}
