package io.selene.handlers.policies;

/**
 * One HTTP callback (webhook) of a handler ({@code storage_policy.callbacks[]}, LUNA's shape with type
 * {@code http}): each event that passes {@code filters} is POSTed to {@code url} by sender-service,
 * signed with {@code secret} (HMAC-SHA256), retried with backoff.
 *
 * @param timeout seconds one delivery attempt may take
 */
public record Callback(String url, String secret, int enable, int timeout, EventFilters filters) {

    public boolean wants(tools.jackson.databind.JsonNode event) {
        return enable == 1 && filters.test(event);
    }
}
