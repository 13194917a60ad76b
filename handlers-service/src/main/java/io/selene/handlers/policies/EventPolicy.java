package io.selene.handlers.policies;

public record EventPolicy(int storeEvent, int waitSaving, EventFilters filters) {
}
