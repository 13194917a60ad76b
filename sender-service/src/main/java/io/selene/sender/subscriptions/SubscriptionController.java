package io.selene.sender.subscriptions;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.bus.EventStream;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.web.WebSocketUpgrade;
import io.selene.sender.SenderErrors;
import io.selene.commons.settings.LiveSettings;
import io.selene.sender.config.SenderSettings;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /1/ws}: the websocket handshake of a subscriber. Everything is checked while it is still
 * plain HTTP, so a refusal is a LUNA error body: the filters (400, 101), the account ({@code account_id}
 * of another account needs visibility {@code all}: 403, 12042), the upgrade headers (426, 27001) and the
 * subscriber limit (503, 27002). Then Tomcat's container upgrades the connection.
 */
@RestController
public class SubscriptionController {

    /** Handshake parameter of a reconnecting subscriber: the event_id of the last event it received. */
    static final String LAST_EVENT_ID = "last_event_id";

    private final SubscriberRegistry registry;
    private final LiveSettings<SenderSettings> settings;
    private final Clock clock;
    private final EventStream stream;
    private final JsonMapper json;

    public SubscriptionController(SubscriberRegistry registry, LiveSettings<SenderSettings> settings, Clock clock,
            EventStream stream, JsonMapper json) {
        this.registry = registry;
        this.stream = stream;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code last_event_id}: one UUID, else 400 (101) like any bad parameter. */
    private static Optional<UUID> lastEventId(String[] values) {
        if (values == null) {
            return Optional.empty();
        }
        if (values.length == 1 && values[0].length() == 36) {
            try {
                return Optional.of(UUID.fromString(values[0]));
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw PlatformErrors.BAD_QUERY.exception("Bad value of parameter '" + LAST_EVENT_ID
                + "': one event id (UUID) expected");
    }

    @Operation(summary = "Subscribe to generated events over a websocket",
            description = "Query filters: handler_ids, sources, tags, matching_candidates_labels, external_ids, stream_ids, "
                    + "emotions, liveness, masks (comma lists), object_similarity__gte/__lt, age__gte/__lt, gender, "
                    + "user_data, account_id. last_event_id: the event_id of the last event received before a "
                    + "reconnection; the events after it that match are sent first (410, 27003, when it is no longer "
                    + "in the bus backlog). Each message is one event "
                    + "as generated. Close code 4008: the subscriber fell too far behind.")
    @GetMapping("/1/ws")
    public void subscribe(AccountContext caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, String[]> query = new HashMap<>(request.getParameterMap());
        Optional<UUID> lastEvent = lastEventId(query.remove(LAST_EVENT_ID));
        SubscriptionFilter filter = SubscriptionFilter.parse(query, caller, clock);
        if (!WebSocketUpgrade.isUpgrade(request)) {
            throw SenderErrors.UPGRADE_REQUIRED.exception(request.getRequestURI());
        }
        // A new subscriber starts from the stream's end as of its handshake, through the replay: an event
        // appended after the 101 but before the endpoint registers would otherwise be missed by a client
        // that publishes (or triggers an event) as soon as its socket is open.
        String position = lastEvent.isPresent() ? stream.positionOf(lastEvent.get().toString())
                .orElseThrow(() -> SenderErrors.NOT_IN_BACKLOG.exception(lastEvent.get())) : stream.last();
        Subscriber.Replay replay = new Subscriber.Replay(stream, json, position);
        SenderSettings settings = this.settings.get();
        if (!registry.reserve()) {
            throw SenderErrors.TOO_MANY_SUBSCRIBERS.exception(settings.maxSubscribers());
        }
        Endpoint endpoint = new SubscriberEndpoint(registry, filter, settings.queueSize(),
                settings.sendTimeout().toMillis(), replay);
        boolean upgraded = false;
        try {
            upgraded = WebSocketUpgrade.upgrade(request, response, endpoint);
        } finally {
            if (!upgraded) {
                registry.release();
            }
        }
    }
}
