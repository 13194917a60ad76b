package io.selene.matcher.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.client.InternalClients;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.matcher.candidates.DescriptorStream;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * What the matcher reads from events-service, always with the caller's account (events-service
 * scopes every read by it): descriptors by event filters for origin {@code events}, one event's
 * descriptor for an {@code event} reference, and events' fields for the candidates' targets.
 */
@Component
public class EventsSource {

    private final DescriptorStream stream;
    private final RestClient events;

    public EventsSource(DescriptorStream stream, InternalClients clients) {
        this.stream = stream;
        this.events = clients.restClient(DescriptorStream.EVENTS);
    }

    /**
     * The version-201 descriptor of one event. Empty when the event has none; an unknown or another
     * account's event answers events-service's own 404.
     */
    public Optional<float[]> eventDescriptor(UUID eventId) {
        float[][] found = new float[1][];
        stream.read(DescriptorStream.EVENTS, "/2/events/descriptors", Map.of("event_ids", eventId.toString()),
                DescriptorVersion.FACE_FP512.number(), 2, 1, (id, values) -> found[0] = values); // one page
        if (found[0] == null) {
            // no descriptor: tell "no such event" (the owner's 404) from "an event without a descriptor"
            events.get().uri("/2/events/{id}?targets=event_id", eventId).retrieve().toBodilessEntity();
        }
        return Optional.ofNullable(found[0]);
    }

    /** Events by id with {@code targets}, read with the caller's account. */
    public Map<UUID, JsonNode> events(Collection<UUID> ids, Collection<String> targets) {
        Map<UUID, JsonNode> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 100) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 100));
            JsonNode body = events.get().uri("/2/events?event_ids={ids}&targets={targets}&page_size=100",
                    String.join(",", chunk.stream().map(UUID::toString).toList()), String.join(",", targets))
                    .retrieve().body(JsonNode.class);
            for (JsonNode event : body.get("events")) {
                found.put(UUID.fromString(event.get("event_id").asString()), event);
            }
        }
        return found;
    }
}
