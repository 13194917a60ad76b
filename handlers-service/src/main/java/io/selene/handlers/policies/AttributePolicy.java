package io.selene.handlers.policies;

/** {@code ttl} in seconds (1..86400); {@code null} = the service's attribute TTL. */
public record AttributePolicy(int storeAttribute, Integer ttl, EventFilters filters) {
}
