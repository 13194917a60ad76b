package io.selene.sender.subscriptions;

import java.io.IOException;
import java.time.Clock;

import io.selene.commons.account.AccountContext;
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

/**
 * {@code GET /1/ws}: the websocket handshake of a subscriber. Everything is checked while it is still
 * plain HTTP, so a refusal is a LUNA error body: the filters (400, 101), the account ({@code account_id}
 * of another account needs visibility {@code all}: 403, 12042), the upgrade headers (426, 27001) and the
 * subscriber limit (503, 27002). Then Tomcat's container upgrades the connection.
 */
@RestController
public class SubscriptionController {

    private final SubscriberRegistry registry;
    private final LiveSettings<SenderSettings> settings;
    private final Clock clock;

    public SubscriptionController(SubscriberRegistry registry, LiveSettings<SenderSettings> settings, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    @Operation(summary = "Subscribe to generated events over a websocket",
            description = "Query filters: handler_ids, sources, tags, matching_candidates_labels, external_ids, stream_ids, "
                    + "emotions, liveness, masks (comma lists), object_similarity__gte/__lt, age__gte/__lt, gender, "
                    + "user_data, account_id. Each message is one event "
                    + "as generated. Close code 4008: the subscriber fell too far behind.")
    @GetMapping("/1/ws")
    public void subscribe(AccountContext caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        SubscriptionFilter filter = SubscriptionFilter.parse(request.getParameterMap(), caller, clock);
        if (!WebSocketUpgrade.isUpgrade(request)) {
            throw SenderErrors.UPGRADE_REQUIRED.exception(request.getRequestURI());
        }
        SenderSettings settings = this.settings.get();
        if (!registry.reserve()) {
            throw SenderErrors.TOO_MANY_SUBSCRIBERS.exception(settings.maxSubscribers());
        }
        Endpoint endpoint = new SubscriberEndpoint(registry, filter, settings.queueSize(),
                settings.sendTimeout().toMillis());
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
