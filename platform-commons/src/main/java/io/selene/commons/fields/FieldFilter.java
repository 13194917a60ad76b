package io.selene.commons.fields;

import java.util.Set;

/**
 * A LUNA filter on a field: its parameter name, how it compares, the most values a list may hold,
 * where it is accepted, and whether the owning service answers it in its own way ({@code own}: an id
 * range for {@code create_time}, a sub-select for samples or list members, the account scope, a
 * refusal), so that the generic readers only parse it.
 */
public record FieldFilter(String name, Match match, int maxItems, Set<Use> uses, boolean own) {

    /** How a filter compares the field's value with what the caller gives. */
    public enum Match {
        /** The value is one of the given ones ({@code stream_ids=a,b}); for a list field, shares one of them. */
        ANY_OF,
        /** The value equals the given one. */
        EQUALS,
        /** The text contains the given text. */
        CONTAINS,
        /** {@code name__gte/__gt/__lte/__lt}. */
        RANGE
    }

    /** Where a filter is accepted. */
    public enum Use {
        /** The owner's own reads: search, count, stats, delete, bulk descriptor reads. */
        SEARCH,
        /** Sender's websocket subscriptions (on the event as generated). */
        SUBSCRIPTION,
        /** Filters of handler policies (on the event being made). */
        POLICY,
        /** Filters that narrow match candidates (the matcher, and the bulk reads it streams from). */
        CANDIDATES
    }

    public boolean in(Use use) {
        return uses.contains(use);
    }
}
