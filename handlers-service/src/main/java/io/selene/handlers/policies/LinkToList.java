package io.selene.handlers.policies;

import java.util.UUID;

public record LinkToList(UUID listId, EventFilters filters) {
}
