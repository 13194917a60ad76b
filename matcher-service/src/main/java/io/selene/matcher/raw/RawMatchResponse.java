package io.selene.matcher.raw;

import java.util.List;

/** Per reference, the candidates best first with their similarity in [0, 1]. */
public record RawMatchResponse(List<ReferenceMatches> matches) {

    public record ReferenceMatches(String referenceId, List<CandidateMatch> candidates) {
    }

    public record CandidateMatch(String candidateId, double similarity) {
    }
}
