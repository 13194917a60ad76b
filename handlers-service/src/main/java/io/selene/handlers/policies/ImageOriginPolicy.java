package io.selene.handlers.policies;

public record ImageOriginPolicy(int storeImage, EventFilters filters) {
}
