package io.selene.events.events;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.FieldValues;
import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.commons.ids.Ids;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.events.EventsErrors;
import io.selene.events.config.EventsSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Events: store a batch, search, get one, statistics, delete by filters (LUNA §5 shapes). */
@RestController
@RequestMapping("/2/events")
public class EventController {

    private static final FilterSpec SEARCH = EventQuery.filters(FilterSpec.paged())
            .list("targets", ValueType.STRING, EventSearchRepository.TARGETS.size()).value("order", ValueType.STRING);
    private static final FilterSpec ONE = FilterSpec.unpaged().list("targets", ValueType.STRING,
            EventSearchRepository.TARGETS.size());
    private static final FilterSpec STATS = EventQuery.filters(FilterSpec.unpaged());
    private static final FilterSpec DELETE = EventQuery.filters(FilterSpec.unpaged()).value("limit", ValueType.INTEGER);

    /** Body of {@code POST /2/events/stats}. */
    public record StatsRequest(JsonNode filters, List<EventStatsRepository.Target> targets, List<EventStatsRepository.GroupBy> groupBy) {
    }

    private final EventValidator validator;
    private final EventRepository store;
    private final EventSearchRepository reader;
    private final EventStatsRepository stats;
    private final IdempotencyKeys idempotency;
    private final StrictJson bodies;
    private final EventsSettings settings;
    private final Clock clock;

    public EventController(EventValidator validator, EventRepository store, EventSearchRepository reader, EventStatsRepository stats,
            IdempotencyKeys idempotency, StrictJson bodies, EventsSettings settings, Clock clock) {
        this.validator = validator;
        this.store = store;
        this.reader = reader;
        this.stats = stats;
        this.idempotency = idempotency;
        this.bodies = bodies;
        this.settings = settings;
        this.clock = clock;
    }

    /** Stores 1..max events, each in its own transaction; 201 once every one is committed. */
    @PostMapping
    public ResponseEntity<Map<String, Object>> create(AccountContext account, @RequestBody JsonNode body,
            @RequestHeader(value = IdempotencyKeys.HEADER, required = false) String key) {
        UUID owner = account.requireAccount();
        JsonFields batch = JsonFields.body(body);
        JsonNode batchEvents = batch.raw("events");
        batch.finish();
        if (batchEvents == null || !batchEvents.isArray() || batchEvents.isEmpty()
                || batchEvents.size() > settings.maxBatch()) {
            throw JsonFields.bad("events", "give 1.." + settings.maxBatch() + " events");
        }
        Optional<IdempotencyKeys.Claim> claim = idempotency.claimOf(key, body);
        List<NewEvent> events = new ArrayList<>(batchEvents.size());
        Set<UUID> given = new java.util.HashSet<>();
        for (int i = 0; i < batchEvents.size(); i++) {
            String at = "events[" + i + "]";
            FieldValues.Read fields = FieldValues.read(EventFields.CATALOGUE, batchEvents.get(i), at);
            EventInput input = bodies.read(fields.rest(), EventInput.class, at);
            if (input.accountId() != null && !input.accountId().equals(owner)) {
                throw PlatformErrors.OTHER_ACCOUNT_FORBIDDEN.exception(input.accountId());
            }
            if (input.eventId() != null && !given.add(input.eventId())) {
                throw PlatformErrors.BAD_BODY.exception("Bad field '" + at + ".event_id': given twice in the batch");
            }
            events.add(validator.validate(input, fields.values(), batchEvents.get(i), at));
        }
        List<UUID> ids = store.store(owner, events, claim);
        List<Map<String, Object>> answer = ids.stream().map(id -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("event_id", id);
            item.put("url", "/6/events/" + id);
            return item;
        }).toList();
        ResponseEntity.BodyBuilder created = ResponseEntity.status(HttpStatus.CREATED);
        if (ids.size() == 1) {
            created.location(URI.create("/6/events/" + ids.getFirst()));
        }
        return created.body(Map.of("events", answer));
    }

    /** Search: filters of luna-api.md §5, pages or an {@code event_id__gte/__lt} keyset, {@code order}. */
    @GetMapping
    public Map<String, Object> search(AccountContext account, HttpServletRequest request) {
        Filters filters = SEARCH.parse(request.getParameterMap(), clock);
        boolean descending = order(filters);
        Set<String> targets = targets(filters);
        EventQuery query = EventQuery.of(filters, account);
        List<Map<String, Object>> events = reader.search(query, descending, filters.page().pageSize(),
                filters.page().offset(), targets);
        return Map.of("events", events);
    }

    @GetMapping("/{event_id}")
    public Map<String, Object> get(AccountContext account, @PathVariable("event_id") String rawId,
            HttpServletRequest request) {
        UUID id = Ids.uuid("event_id", rawId);
        Filters filters = ONE.parse(request.getParameterMap(), clock);
        Map<String, Object> event = reader.get(id, new LinkedHashSet<>(EventSearchRepository.TARGETS));
        if (event == null || !account.canSee((UUID) event.get("account_id"))) {
            throw EventsErrors.EVENT_NOT_FOUND.exception(id);
        }
        Set<String> targets = targets(filters);
        event.keySet().retainAll(targets);
        return event;
    }

    /**
     * Statistics: {@code {"filters": {<GET /2/events filters>}, "targets": [{"column", "aggregator"}],
     * "group_by": [{"column", "period"?}]}} → {@code {"stats": {"columns": [...], "values": [[...]]}}}.
     */
    @PostMapping("/stats")
    public Map<String, Object> stats(AccountContext account, @RequestBody JsonNode body) {
        StatsRequest request = bodies.read(body, StatsRequest.class);
        Map<String, String[]> parameters = new HashMap<>();
        JsonNode given = request.filters();
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw EventsErrors.BAD_STATS.exception("Bad field 'filters': must be an object");
            }
            for (String name : given.propertyNames()) {
                JsonNode value = given.get(name);
                String text;
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(item -> items.add(item.isString() ? item.asString() : item.toString()));
                    text = String.join(",", items);
                } else {
                    text = value.isString() ? value.asString() : value.toString();
                }
                parameters.put(name, new String[] {text});
            }
        }
        EventQuery query;
        try {
            query = EventQuery.of(STATS.parse(parameters, clock), account);
        } catch (io.selene.commons.error.LunaException e) {
            if (e.status() != HttpStatus.BAD_REQUEST || e.errorCode() == EventsErrors.NOT_ESTIMATED.code()) {
                throw e; // another account's data: 403 as on GET; a body attribute Selene does not estimate
            }
            throw EventsErrors.BAD_STATS.exception("Bad field 'filters': " + e.detail());
        }
        EventStatsRepository.Answer answer = stats.stats(query, request.targets(), request.groupBy());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", answer.columns());
        out.put("values", answer.values());
        return Map.of("stats", out);
    }

    /**
     * Admin/GC delete by filters (not public): at least one filter, at most {@code limit} events
     * (default and maximum {@code selene.events.delete-max-limit}); {@code has_more} says to call again.
     */
    @DeleteMapping
    public Map<String, Object> delete(AccountContext account, HttpServletRequest request) {
        Filters filters = DELETE.parse(request.getParameterMap(), clock);
        int limit = filters.<Integer>value("limit").orElse(settings.deleteMaxLimit());
        if (limit < 1 || limit > settings.deleteMaxLimit()) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + limit + "' of parameter 'limit': must be in 1.."
                    + settings.deleteMaxLimit());
        }
        EventQuery query = EventQuery.of(filters, account);
        if (!query.filtered()) {
            throw EventsErrors.DELETE_WITHOUT_FILTER.exception();
        }
        int deleted = store.delete(query, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deleted", deleted);
        out.put("has_more", deleted == limit);
        return out;
    }

    private static boolean order(Filters filters) {
        String order = filters.<String>value("order").orElse("desc");
        return switch (order) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw PlatformErrors.BAD_QUERY.exception("Bad value '" + order
                    + "' of parameter 'order': asc or desc");
        };
    }

    private static Set<String> targets(Filters filters) {
        List<String> given = filters.<String>list("targets").orElse(EventSearchRepository.TARGETS);
        for (String target : given) {
            if (!EventSearchRepository.TARGETS.contains(target)) {
                throw EventsErrors.BAD_TARGET.exception(target, EventSearchRepository.TARGETS);
            }
        }
        return new LinkedHashSet<>(given);
    }
}
