package io.selene.matcher.raw;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per reference, the candidates best first with their similarity in [0, 1]:
 * {@code {"matches": [{"reference_id", "matches": [{"candidate_id", "similarity", "far"}]}]}}, the shape LUNA
 * clients read ({@code matches[0].matches[0].similarity}); {@code far} is the estimated false accept
 * rate at that similarity, from the descriptor version's FAR table (docs/far.md), and absent for a version
 * without one (202).
 */
public record RawMatchResponse(List<ReferenceMatches> matches) {

    public record ReferenceMatches(String referenceId, List<CandidateMatch> matches) {
    }

    public record CandidateMatch(String candidateId, double similarity,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double far) {
    }
}
