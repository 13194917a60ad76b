package io.selene.handlers.handlers;

import io.selene.commons.bus.WebhookStates;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.ids.Ids;
import io.selene.commons.json.JsonFields;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.handlers.policies.HandlerPolicies;
import io.selene.handlers.policies.PolicyReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Handlers (luna-api.md §3.2): create, list, count, get/head, replace, delete, and the policy
 * validator. Body: {@code {"description": "", "is_dynamic": false, "policies": {...}}}.
 */
@RestController
@Tag(name = "handlers")
public class HandlerController {

    static final int MAX_DESCRIPTION = 128;
    /** Policies are bounded item by item; this bounds the whole (big candidate id lists). */
    static final int MAX_POLICIES_CHARS = 1 << 20;

    private static final FilterSpec SEARCH = filters(FilterSpec.paged());
    private static final FilterSpec COUNT = filters(FilterSpec.unpaged());

    private static FilterSpec filters(FilterSpec spec) {
        return spec.list("handler_ids", ValueType.UUID, 100).value("description", ValueType.STRING)
                .value("is_dynamic", ValueType.BOOLEAN).range("create_time", ValueType.TIMESTAMP)
                .value("account_id", ValueType.UUID);
    }

    private final HandlerService store;
    private final PolicyReader reader;
    private final AccountLists lists;
    private final Clock clock;
    private final WebhookStates webhooks;

    HandlerController(HandlerService store, PolicyReader reader, AccountLists lists, Clock clock,
            StringRedisTemplate redis, @Value("${selene.redis.key-prefix}") String prefix) {
        this.webhooks = new WebhookStates(redis, prefix);
        this.store = store;
        this.lists = lists;
        this.reader = reader;
        this.clock = clock;
    }

    public record Created(String handlerId, String url) {
    }

    private record Body(String description, HandlerPolicies policies) {
    }

    @Operation(summary = "Create a handler: {description (≤ 128), is_dynamic (LUNA's flag; a dynamic handler has no "
            + "policies, each events request brings them), policies (defaults filled, validated strictly)} "
            + "→ 201 {handler_id, url}")
    @PostMapping("/1/handlers")
    public ResponseEntity<Created> create(AccountContext account, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        Body request = body(body);
        lists.require(owner, request.policies());
        Handler handler = store.create(owner, request.description(), request.policies());
        String url = "/6/handlers/" + handler.handlerId();
        return ResponseEntity.created(URI.create(url)).body(new Created(handler.handlerId().toString(), url));
    }

    /** Checks policies without storing anything: 200 (empty body) or the refusal a create would get. */
    @Operation(summary = "Validate {policies} without storing: 200 with an empty body, or the 400 a create would get")
    @PostMapping("/1/handlers/validator")
    public ResponseEntity<Void> validate(AccountContext account, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        JsonFields f = JsonFields.body(body);
        HandlerPolicies policies = policies(f.raw("policies"));
        f.finish();
        lists.require(owner, policies);
        return ResponseEntity.ok().build();
    }

    @Operation(summary = "List the caller's handlers, newest first: {handlers: [...]}; page, page_size (1..100), "
            + "handler_ids, description (substring), is_dynamic, create_time__*, account_id (visibility all)")
    @GetMapping("/1/handlers")
    public Map<String, Object> search(AccountContext account, HttpServletRequest request) {
        Filters filters = SEARCH.parse(request.getParameterMap(), clock);
        return Map.of("handlers", store.search(query(account, filters), filters.page()).stream().map(this::view)
                .toList());
    }

    @Operation(summary = "Count the caller's handlers: {handlers_count}; the list's filters without paging")
    @GetMapping("/1/handlers/count")
    public Map<String, Object> count(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        return Map.of("handlers_count", store.count(query(account, filters)));
    }

    @Operation(summary = "Get a handler with its policies, every default filled (policies null when dynamic)")
    @GetMapping("/1/handlers/{handlerId}")
    public Map<String, Object> get(AccountContext account, @PathVariable String handlerId) {
        return view(store.get(account, id(handlerId)));
    }

    @RequestMapping(path = "/1/handlers/{handlerId}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> head(AccountContext account, @PathVariable String handlerId) {
        store.get(account, id(handlerId));
        return ResponseEntity.ok().build();
    }

    /** Replaces description, kind and policies (same body as create); answers the stored handler. */
    @Operation(summary = "Replace a handler (same body as create, nothing merged); answers the stored handler")
    @PutMapping("/1/handlers/{handlerId}")
    public Map<String, Object> replace(AccountContext account, @PathVariable String handlerId,
            @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        UUID id = id(handlerId);
        Body request = body(body);
        store.get(account, id);
        lists.require(owner, request.policies());
        return view(store.replace(owner, id, request.description(), request.policies()));
    }

    @Operation(summary = "Delete a handler")
    @DeleteMapping("/1/handlers/{handlerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AccountContext account, @PathVariable String handlerId) {
        store.delete(account.requireAccount(), id(handlerId));
    }

    private Body body(JsonNode body) {
        JsonFields f = JsonFields.body(body);
        String description = f.string("description", "", 0, MAX_DESCRIPTION);
        boolean dynamic = f.bool("is_dynamic", false);
        JsonNode policies = f.raw("policies");
        f.finish();
        if (dynamic && policies != null) {
            throw JsonFields.bad("policies", "a dynamic handler has no policies: each events request brings them");
        }
        return new Body(description, dynamic ? null : policies(policies));
    }

    private HandlerPolicies policies(JsonNode policies) {
        HandlerPolicies read = reader.read(policies, "policies");
        if (reader.write(read).toString().length() > MAX_POLICIES_CHARS) {
            throw JsonFields.bad("policies", "longer than " + MAX_POLICIES_CHARS + " characters");
        }
        return read;
    }

    private static UUID id(String raw) {
        return Ids.uuid("handler_id", raw);
    }

    private static HandlerRepository.Query query(AccountContext account, Filters filters) {
        Optional<String> description = filters.value("description");
        if (description.isPresent() && description.get().length() > MAX_DESCRIPTION) {
            throw PlatformErrors.BAD_QUERY.exception("Parameter 'description' is longer than " + MAX_DESCRIPTION
                    + " characters");
        }
        return new HandlerRepository.Query(account.readScope(filters.value("account_id")),
                filters.<UUID>list("handler_ids"),
                description, filters.value("is_dynamic"), filters.range("create_time"));
    }

    /**
     * The policies as answered: each callback without its {@code secret} (write-only: a PUT brings it
     * again) and with {@code delivery}, the state sender-service keeps of it ({@code null} while Redis
     * cannot be read).
     */
    private ObjectNode withDeliveries(Handler handler) {
        ObjectNode policies = reader.write(handler.policies());
        JsonNode callbacks = policies.path("storage_policy").path("callbacks");
        for (int i = 0; i < callbacks.size(); i++) {
            ObjectNode callback = (ObjectNode) callbacks.get(i);
            callback.remove("secret");
            WebhookStates.State state;
            try {
                state = webhooks.read(handler.handlerId(), i);
            } catch (DataAccessException e) {
                callback.putNull("delivery"); // Redis unreachable: the handler is still readable
                continue;
            }
            ObjectNode delivery = callback.putObject("delivery");
            if (state.lastStatus() == null) {
                delivery.putNull("last_status");
            } else {
                delivery.put("last_status", state.lastStatus());
            }
            delivery.put("last_error", state.lastError());
            delivery.put("last_attempt_time", state.lastAttemptTime());
            delivery.put("last_success_time", state.lastSuccessTime());
            delivery.put("delivered", state.delivered());
            delivery.put("failures", state.failures());
            delivery.put("dropped", state.dropped());
        }
        return policies;
    }

    private Map<String, Object> view(Handler handler) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("handler_id", handler.handlerId().toString());
        view.put("account_id", handler.accountId().toString());
        view.put("description", handler.description());
        view.put("is_dynamic", handler.dynamic());
        view.put("policies", handler.policies() == null ? null : withDeliveries(handler));
        view.put("create_time", Ids.format(handler.createTime()));
        view.put("last_update_time", Ids.format(handler.lastUpdateTime()));
        view.put("url", "/6/handlers/" + handler.handlerId());
        return view;
    }
}
