package io.selene.handlers.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.StrictJson;
import io.selene.handlers.handlers.Handler;
import io.selene.handlers.handlers.HandlerErrors;
import io.selene.handlers.handlers.HandlerService;
import io.selene.handlers.policies.HandlerPolicies;
import io.selene.handlers.policies.PolicyReader;
import io.selene.handlers.vision.ImageInputs;
import io.selene.handlers.vision.VisionPipeline;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /1/handlers/{handler_id}/events} (generate events from images with the handler's
 * policies), {@code POST /1/handlers/{handler_id}/stream_events} (the same from a stream's warps) and {@code POST /1/handlers/{handler_id}/events/raw} (store events built elsewhere);
 * the gateway publishes them under {@code /6}.
 */
@RestController
class EventsController {

    /** The JSON part of a multipart request, and the body field, that carries a dynamic handler's policies. */
    static final String POLICIES = "policies";
    static final int MAX_RAW_EVENTS = 1000;
    private static final Set<String> BODY_FIELDS = Set.of("images", POLICIES);

    private final HandlerService handlers;
    private final PolicyReader policyReader;
    private final VisionPipeline vision;
    private final EventGenerator generator;
    private final Downstream downstream;
    private final EventBus bus;
    private final JsonMapper json;
    private final StrictJson strictJson;

    EventsController(HandlerService handlers, PolicyReader policyReader, VisionPipeline vision, EventGenerator generator,
            Downstream downstream, EventBus bus, JsonMapper json, StrictJson strictJson) {
        this.handlers = handlers;
        this.policyReader = policyReader;
        this.vision = vision;
        this.generator = generator;
        this.downstream = downstream;
        this.bus = bus;
        this.json = json;
        this.strictJson = strictJson;
    }

    @PostMapping("/1/handlers/{handlerId}/events")
    ResponseEntity<Map<String, Object>> generate(@PathVariable String handlerId, HttpServletRequest request,
            AccountContext caller) throws IOException {
        Handler handler = handler(caller, handlerId);
        EventTimes times = EventTimes.of(request.getHeader(EventTimes.EVENT_TIME),
                request.getHeader(EventTimes.EVENT_END_TIME));
        Map<String, String> query = new java.util.LinkedHashMap<>(VisionPipeline.query(request));
        // LUNA's aggregate_attributes: one event from all the images (EventGenerator.aggregated)
        String aggregate = query.remove("aggregate_attributes");
        if (aggregate != null && !aggregate.equals("0") && !aggregate.equals("1")) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + aggregate
                    + "' of parameter 'aggregate_attributes': expected 0 or 1");
        }
        boolean warps = VisionPipeline.warps(query);
        for (String name : query.keySet()) {
            if (!EventExtras.NAMES.contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'; known: "
                        + EventExtras.NAMES);
            }
        }
        ImageInputs.Read read = vision.read(request, POLICIES);
        JsonNode body = read.json();
        JsonNode requestPolicies = null;
        if (body != null && body.isObject() && body.has("images")) { // a JSON body (not a multipart policies part)
            for (String field : body.propertyNames()) {
                if (!BODY_FIELDS.contains(field) && !EventExtras.NAMES.contains(field)) {
                    throw PlatformErrors.BAD_BODY.exception("Unknown field '" + field + "'");
                }
            }
            requestPolicies = body.get(POLICIES);
        } else {
            requestPolicies = body;
            body = null;
        }
        EventExtras extras = EventExtras.parse(query, body);
        HandlerPolicies policies = policies(handler, requestPolicies);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(generator.generate(handler, policies, read.inputs(), extras, times, "1".equals(aggregate),
                        warps));
    }

    /**
     * FaceStream's route: pre-detected warps (by default; {@code image_type=0} for photos), each item with
     * its own track id, times and event fields, each making the events {@code /events} makes
     * ({@link StreamEvents} says how the body is read). Same answer as {@code /events}.
     */
    @PostMapping("/1/handlers/{handlerId}/stream_events")
    ResponseEntity<Map<String, Object>> stream(@PathVariable String handlerId, HttpServletRequest request,
            AccountContext caller) throws IOException {
        Handler handler = handler(caller, handlerId);
        Map<String, String> query = new java.util.LinkedHashMap<>(VisionPipeline.query(request));
        query.putIfAbsent("image_type", "1");
        boolean warps = VisionPipeline.warps(query);
        for (String name : query.keySet()) {
            if (!EventExtras.NAMES.contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'; known: image_type, "
                        + EventExtras.NAMES);
            }
        }
        String type = request.getContentType();
        StreamEvents items;
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            items = StreamEvents.read(strictJson.body(request), null, query,
                    request.getHeader(EventTimes.EVENT_TIME), request.getHeader(EventTimes.EVENT_END_TIME),
                    vision.maxImages());
        } else {
            ImageInputs.Read read = vision.read(request, StreamEvents.ITEMS);
            items = StreamEvents.read(read.json(), read.inputs(), query, request.getHeader(EventTimes.EVENT_TIME),
                    request.getHeader(EventTimes.EVENT_END_TIME), vision.maxImages());
        }
        HandlerPolicies policies = policies(handler, items.policies());
        return ResponseEntity.status(HttpStatus.CREATED).body(generator.generate(handler, policies, items.inputs(),
                items.extras(), items.times(), false, warps));
    }

    private HandlerPolicies policies(Handler handler, JsonNode requestPolicies) {
        if (handler.dynamic()) {
            return policyReader.read(requestPolicies, POLICIES);
        }
        if (requestPolicies != null && !requestPolicies.isNull()) {
            throw HandlerErrors.POLICIES_NOT_ALLOWED.exception(handler.handlerId());
        }
        return handler.policies();
    }

    /**
     * Events built outside (LUNA generated-event shape) stored as the handler's events: each gets the
     * handler's id and account, is stored by events-service (with the caller's {@code Idempotency-Key})
     * and then published when the handler's notification policy says so.
     */
    @PostMapping("/1/handlers/{handlerId}/events/raw")
    ResponseEntity<JsonNode> raw(@PathVariable String handlerId, HttpServletRequest request, AccountContext caller,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        Handler handler = handler(caller, handlerId);
        JsonNode body = strictJson.body(request);
        if (!VisionPipeline.query(request).isEmpty()) {
            throw PlatformErrors.BAD_QUERY.exception("No query parameters are accepted");
        }
        JsonNode given = body == null || !body.isObject() ? null : body.get("events");
        if (given == null || !given.isArray() || given.isEmpty() || given.size() > MAX_RAW_EVENTS) {
            throw PlatformErrors.BAD_BODY.exception("'events' must be an array of 1.." + MAX_RAW_EVENTS + " events");
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("events")) {
                throw PlatformErrors.BAD_BODY.exception("Unknown field '" + field + "'");
            }
        }
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode event = given.get(i);
            if (!event.isObject()) {
                throw PlatformErrors.BAD_BODY.exception("events[" + i + "] must be an object");
            }
            if (event.hasNonNull("event_id")) {
                // LUNA makes the id of a raw event ("event_id and url are not specified"); a client-chosen
                // id would also choose the event's create_time and could collide with another event's.
                throw PlatformErrors.BAD_BODY.exception("Bad field 'events[" + i + "].event_id': the platform "
                        + "makes the event id; leave it out");
            }
            check(event, "handler_id", handler.handlerId().toString(), i);
            check(event, "account_id", handler.accountId().toString(), i);
            ObjectNode copy = ((ObjectNode) event).deepCopy();
            copy.put("handler_id", handler.handlerId().toString());
            copy.remove("url");
            events.add(copy);
        }
        JsonNode stored = downstream.storeEvents(handler.accountId(), events, idempotencyKey);
        HandlerPolicies policies = handler.policies() != null ? handler.policies() : HandlerPolicies.defaults();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i);
            event.remove("descriptor");
            ObjectNode published = json.createObjectNode();
            published.put("event_id", stored.get(i).path("event_id").asString());
            published.put("url", stored.get(i).path("url").asString());
            published.put("account_id", handler.accountId().toString());
            event.remove("account_id");
            published.setAll(event);
            bus.publish(handler.accountId(), handler.handlerId(), policies.storagePolicy(), published);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(json.createObjectNode().set("events", stored));
    }

    private Handler handler(AccountContext caller, String handlerId) {
        UUID id;
        try {
            id = UUID.fromString(handlerId);
        } catch (IllegalArgumentException e) {
            throw HandlerErrors.HANDLER_NOT_FOUND.exception(handlerId);
        }
        caller.requireAccount();
        return handlers.require(caller, id);
    }

    /** A raw event may name its handler and account only as the path's handler and its account. */
    private static void check(JsonNode event, String field, String expected, int index) {
        JsonNode value = event.get(field);
        if (value != null && !value.isNull() && !(value.isString() && value.asString().equals(expected))) {
            throw PlatformErrors.BAD_BODY.exception("events[" + index + "]." + field + " must be " + expected
                    + " (the handler's) or left out");
        }
    }
}
