package io.selene.admin.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.LunaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * How much an account holds, asked from each owner as that account (so each owner's own account scoping
 * counts): faces and lists (faces-service), events (events-service statistics), handlers and verifiers
 * (handlers-service). An owner that cannot answer gives {@code null} for its count, not a failed page.
 */
@Component
public class AccountCounts {

    private static final Logger log = LoggerFactory.getLogger(AccountCounts.class);

    private final RestClient faces;
    private final RestClient events;
    private final RestClient handlers;

    public AccountCounts(InternalClients clients) {
        this.faces = clients.restClient("faces-service");
        this.events = clients.restClient("events-service");
        this.handlers = clients.restClient("handlers-service");
    }

    /** {@code faces, lists, events, handlers, verifiers} → count, or null where the owner did not answer. */
    public Map<String, Long> of(UUID accountId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("faces", count("faces", () -> get(faces, "/3/faces/count", accountId).path("faces_count")));
        counts.put("lists", count("lists", () -> get(faces, "/3/lists/count", accountId).path("lists_count")));
        counts.put("events", count("events", () -> eventsCount(accountId)));
        counts.put("handlers", count("handlers",
                () -> get(handlers, "/1/handlers/count", accountId).path("handlers_count")));
        counts.put("verifiers", count("verifiers",
                () -> get(handlers, "/1/verifiers/count", accountId).path("verifiers_count")));
        return counts;
    }

    /** The account's lists with their face counts (first page of 100). */
    public List<JsonNode> lists(UUID accountId) {
        JsonNode answer = get(faces, "/3/lists?page_size=100", accountId).path("lists");
        return answer.valueStream().toList();
    }

    private JsonNode eventsCount(UUID accountId) {
        JsonNode answer = events.post().uri("/2/events/stats")
                .header(PlatformHeaders.ACCOUNT_ID, accountId.toString())
                .header(PlatformHeaders.VISIBILITY, "account")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("targets", List.of(Map.of("column", "event_id", "aggregator", "count"))))
                .retrieve().body(JsonNode.class);
        return answer.path("stats").path("values").path(0).path(0);
    }

    private static JsonNode get(RestClient client, String path, UUID accountId) {
        return client.get().uri(path).header(PlatformHeaders.ACCOUNT_ID, accountId.toString())
                .header(PlatformHeaders.VISIBILITY, "account").retrieve().body(JsonNode.class);
    }

    private static Long count(String what, Supplier<JsonNode> call) {
        try {
            JsonNode value = call.get();
            return value.isNumber() ? value.asLong() : null;
        } catch (LunaException | RestClientException e) {
            log.warn("Could not count {}: {}", what, e.getMessage());
            return null;
        }
    }
}
