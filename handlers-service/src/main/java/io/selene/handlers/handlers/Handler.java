package io.selene.handlers.handlers;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.selene.handlers.policies.HandlerPolicies;

/** A stored handler; {@code policies} is {@code null} for a dynamic one (its events requests bring them). */
public record Handler(UUID handlerId, UUID accountId, String description, boolean dynamic, HandlerPolicies policies,
        OffsetDateTime createTime, OffsetDateTime lastUpdateTime) {
}
