package io.selene.handlers.policies;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One match against candidates. {@code candidates} is the matcher's candidate filter object
 * (with {@code origin}), sent as is; {@code filters} are tested on the event before matching;
 * {@code threshold} {@code null} = none; {@code far} a FAR preset (1e-3 | 1e-4 | 1e-5) sent to the matcher,
 * which matches from the higher of its similarity and {@code threshold}, or {@code null}; {@code limit} is never null after reading;
 * {@code targets} {@code null} = the matcher's default.
 */
public record MatchPolicy(String label, JsonNode candidates, EventFilters filters, Double threshold, Integer limit,
        List<String> targets, Double far) {
}
