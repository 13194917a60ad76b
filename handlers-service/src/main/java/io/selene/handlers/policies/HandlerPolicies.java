package io.selene.handlers.policies;

import java.util.List;

/** A handler's policies (luna-api.md §3.3), validated and with every default filled; no part is null. */
public record HandlerPolicies(DetectPolicy detectPolicy, ExtractPolicy extractPolicy, List<MatchPolicy> matchPolicy,
        StoragePolicy storagePolicy, List<ConditionalTagsPolicy> conditionalTagsPolicy) {

    public static HandlerPolicies defaults() {
        return new PolicyReader().read(null, "policies");
    }
}
