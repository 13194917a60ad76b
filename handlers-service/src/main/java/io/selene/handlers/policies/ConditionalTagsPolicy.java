package io.selene.handlers.policies;

public record ConditionalTagsPolicy(String tag, EventFilters filters) {
}
