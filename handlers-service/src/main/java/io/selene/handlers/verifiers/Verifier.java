package io.selene.handlers.verifiers;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored verifier; {@code version} grows by one with each replacement (PUT). */
public record Verifier(UUID verifierId, UUID accountId, String description, VerifierPolicies policies, int version,
        OffsetDateTime createTime, OffsetDateTime lastUpdateTime) {
}
