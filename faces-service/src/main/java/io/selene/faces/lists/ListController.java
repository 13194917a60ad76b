package io.selene.faces.lists;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.commons.ids.Ids;
import io.selene.commons.json.StrictJson;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.faces.faces.FaceController;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lists: create, get, patch, delete ({@code with_faces=1}), search (incl. keyset by list_id), count; the linker. */
@RestController
public class ListController {

    private static final FilterSpec SEARCH = filters(FilterSpec.paged());
    private static final FilterSpec COUNT = filters(FilterSpec.unpaged());
    private static final FilterSpec DELETE = FilterSpec.unpaged().value("with_faces", ValueType.BOOLEAN);

    private static FilterSpec filters(FilterSpec spec) {
        return spec.list("list_ids", ValueType.UUID, 1000).value("user_data", ValueType.STRING)
                .range("create_time", ValueType.TIMESTAMP).range("list_id", ValueType.UUID)
                .value("account_id", ValueType.UUID);
    }

    private final ListService lists;
    private final ListRepository repository;
    private final IdempotencyKeys idempotency;
    private final StrictJson bodies;
    private final Clock clock;

    public ListController(ListService lists, ListRepository repository, IdempotencyKeys idempotency, StrictJson bodies,
            Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.idempotency = idempotency;
        this.bodies = bodies;
        this.clock = clock;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateList(UUID listId, String userData) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PatchList(String userData) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Link(String action, UUID listId, List<UUID> faceIds) {
    }

    public record Created(String listId, String url) {
    }

    @PostMapping("/3/lists")
    public ResponseEntity<Created> create(AccountContext account, @RequestBody JsonNode body,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        UUID owner = account.requireAccount();
        CreateList request = bodies.read(body, CreateList.class);
        Optional<IdempotencyKeys.Claim> claim = idempotency.claimOf(idempotencyKey, body);
        ListService.Created created = lists.create(owner, request.listId(), userData(request.userData()), claim);
        String url = "/6/lists/" + created.listId();
        return ResponseEntity.created(URI.create(url)).body(new Created(created.listId().toString(), url));
    }

    private static String userData(String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > 128) {
            throw PlatformErrors.BAD_BODY.exception("'user_data' is longer than 128 characters");
        }
        return value;
    }

    @GetMapping("/3/lists")
    public Map<String, Object> search(AccountContext account, HttpServletRequest request) {
        Filters filters = SEARCH.parse(request.getParameterMap(), clock);
        return Map.of("lists", repository.search(query(account, filters), filters.page()).stream()
                .map(ListController::view).toList());
    }

    @GetMapping("/3/lists/count")
    public Map<String, Object> count(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        return Map.of("lists_count", repository.count(query(account, filters)));
    }

    @GetMapping("/3/lists/{listId}")
    public Map<String, Object> get(AccountContext account, @PathVariable String listId) {
        return view(lists.get(account, Ids.uuid("list_id", listId)));
    }

    @RequestMapping(path = "/3/lists/{listId}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> head(AccountContext account, @PathVariable String listId) {
        lists.get(account, Ids.uuid("list_id", listId));
        return ResponseEntity.ok().build();
    }

    @PatchMapping("/3/lists/{listId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void patch(AccountContext account, @PathVariable String listId, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        PatchList request = bodies.read(body, PatchList.class);
        if (request.userData() == null) {
            throw PlatformErrors.BAD_BODY.exception("'user_data' is required");
        }
        lists.patch(owner, Ids.uuid("list_id", listId), userData(request.userData()));
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record BulkDelete(List<UUID> listIds) {
    }

    /** LUNA's bulk delete: {@code {"list_ids": [1..1000]}}, {@code ?with_faces=1} as for one list; all or none. */
    @DeleteMapping("/3/lists")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteMany(AccountContext account, HttpServletRequest request, @RequestBody JsonNode body) {
        Filters filters = DELETE.parse(request.getParameterMap(), clock);
        UUID owner = account.requireAccount();
        BulkDelete delete = bodies.read(body, BulkDelete.class);
        if (delete.listIds() == null || delete.listIds().isEmpty() || delete.listIds().size() > FaceController.MAX_BULK
                || delete.listIds().stream().anyMatch(java.util.Objects::isNull)) {
            throw PlatformErrors.BAD_BODY.exception("'list_ids' must hold 1.." + FaceController.MAX_BULK + " list ids");
        }
        lists.deleteAll(owner, delete.listIds(), filters.<Boolean>value("with_faces").orElse(false));
    }

    @DeleteMapping("/3/lists/{listId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AccountContext account, @PathVariable String listId, HttpServletRequest request) {
        Filters filters = DELETE.parse(request.getParameterMap(), clock);
        lists.delete(account.requireAccount(), Ids.uuid("list_id", listId),
                filters.<Boolean>value("with_faces").orElse(false));
    }

    /** {@code {"action": "attach"|"detach", "list_id", "face_ids": [≤1000]}}. */
    @PatchMapping("/3/linker")
    public Map<String, Object> link(AccountContext account, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        Link request = bodies.read(body, Link.class);
        if (!"attach".equals(request.action()) && !"detach".equals(request.action())) {
            throw PlatformErrors.BAD_BODY.exception("'action' must be 'attach' or 'detach'");
        }
        if (request.listId() == null) {
            throw PlatformErrors.BAD_BODY.exception("'list_id' is required");
        }
        if (request.faceIds() == null || request.faceIds().isEmpty()
                || request.faceIds().size() > FaceController.MAX_BULK || request.faceIds().stream().anyMatch(java.util.Objects::isNull)) {
            throw PlatformErrors.BAD_BODY.exception("'face_ids' must hold 1.." + FaceController.MAX_BULK
                    + " face ids");
        }
        ListService.LinkResult result = lists.link(owner, request.listId(), request.faceIds(),
                "attach".equals(request.action()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("list_id", request.listId().toString());
        answer.put("action", request.action());
        answer.put("face_ids", result.changed().stream().map(UUID::toString).toList());
        answer.put("last_change_key", result.lastChangeKey());
        return answer;
    }

    private static ListRepository.ListQuery query(AccountContext account, Filters filters) {
        return new ListRepository.ListQuery(account.readScope(filters.value("account_id")), filters.list("list_ids"),
                filters.value("user_data"), filters.range("create_time"), filters.range("list_id"));
    }

    static Map<String, Object> view(FaceList list) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("list_id", list.listId().toString());
        view.put("account_id", list.accountId().toString());
        view.put("user_data", list.userData());
        view.put("create_time", Ids.format(list.createTime()));
        view.put("last_update_time", Ids.format(list.lastUpdateTime()));
        view.put("face_count", list.faceCount());
        return view;
    }
}
