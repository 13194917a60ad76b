package io.selene.handlers.policies;

/** {@code face_sample_policy} (default store 1) / {@code body_sample_policy} (default 0). */
public record SamplePolicy(int storeSample, EventFilters filters) {
}
