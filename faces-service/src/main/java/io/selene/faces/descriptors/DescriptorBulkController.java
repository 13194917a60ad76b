package io.selene.faces.descriptors;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.descriptor.DescriptorFrames;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.faces.config.FacesSettings;
import io.selene.faces.faces.FaceQuery;
import io.selene.faces.lists.ListService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Internal bulk read of descriptors for the matcher (not routed publicly):
 * {@code GET /3/faces/descriptors?[list_id=|account_id=][&version=][&after_key=&after_version=][&limit=]}, optionally
 * narrowed by the face filters of {@code GET /3/faces} ({@code face_ids}, {@code external_ids}, {@code user_data},
 * {@code create_time__*}, {@code event_ids}).
 * Pages are keyset-ordered by {@code (key, version)}, where the key is the descriptor's insertion
 * key (account reads) or the membership's link key (list reads); the next page starts after the
 * last {@code (key, version)} of the previous one.
 *
 * <p>With {@code Accept: application/octet-stream} the body is streamed as it is read from the
 * database as {@link DescriptorFrames}: frames of {@code key}, {@code face_id}, {@code version},
 * {@code length} and the descriptor bytes, then an end frame. A body without the end frame was cut off (retry the page).
 * A page with {@code limit} frames may be followed by more: ask again after its last frame's key.
 * Otherwise JSON:
 * {@code {"descriptors":[{"key","face_id","version","data"(base64)}],"next":{"after_key","after_version"}|null}}.
 */
@RestController
public class DescriptorBulkController {

    public static final MediaType FRAMES = MediaType.APPLICATION_OCTET_STREAM;
    private static final int DEFAULT_LIMIT = 1000;

    /** The page, and the face filters that narrow match candidates (FaceFields); list_id is the list to read. */
    private static final FilterSpec SPEC = FaceFields.CATALOGUE.declare(FilterSpec.unpaged(), Use.CANDIDATES)
            .value("account_id", ValueType.UUID).value("version", ValueType.INTEGER)
            .value("after_key", ValueType.LONG).value("after_version", ValueType.INTEGER)
            .value("limit", ValueType.INTEGER);

    private final DescriptorBulkRepository repository;
    private final ListService lists;
    private final FacesSettings settings;
    private final Clock clock;

    private final TransactionTemplate readOnly;

    public DescriptorBulkController(DescriptorBulkRepository repository, ListService lists, FacesSettings settings,
            Clock clock, PlatformTransactionManager transactions) {
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.repository = repository;
        this.lists = lists;
        this.settings = settings;
        this.clock = clock;
    }

    private record Request(Optional<UUID> list, Optional<UUID> scope, Optional<FaceQuery> faces,
            Optional<Integer> version, Optional<Long> afterKey, int afterVersion, int limit) {
    }

    private Request request(AccountContext account, HttpServletRequest request) {
        Filters filters = SPEC.parse(request.getParameterMap(), clock);
        int limit = filters.<Integer>value("limit").orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > settings.descriptorsMaxPage()) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + limit + "' of parameter 'limit': must be in 1.."
                    + settings.descriptorsMaxPage());
        }
        Optional<UUID> list = filters.value("list_id");
        Optional<UUID> scope;
        if (list.isPresent()) {
            if (filters.value("account_id").isPresent()) {
                throw PlatformErrors.BAD_QUERY.exception("Give either 'list_id' or 'account_id', not both");
            }
            lists.get(account, list.get()); // 404 unless visible
            scope = Optional.empty();
        } else {
            scope = account.readScope(filters.value("account_id"));
        }
        Optional<Long> afterKey = filters.value("after_key");
        if (afterKey.isEmpty() && filters.value("after_version").isPresent()) {
            throw PlatformErrors.BAD_QUERY.exception("'after_version' needs 'after_key'");
        }
        // scope and list are applied by the bulk query itself; the face filters add conditions on the face
        FaceQuery faces = new FaceQuery(Optional.empty(), filters, Use.CANDIDATES, false);
        boolean filtered = faces.filtered();
        return new Request(list, scope, filtered ? Optional.of(faces) : Optional.empty(), filters.value("version"),
                afterKey,
                filters.<Integer>value("after_version").orElse(Integer.MIN_VALUE), limit);
    }

    /** Binary frames, streamed while the rows arrive. */
    @GetMapping(path = "/3/faces/descriptors", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<StreamingResponseBody> frames(AccountContext account, HttpServletRequest http) {
        Request request = request(account, http);
        StreamingResponseBody body = output -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(output, 1 << 16));
            readOnly.executeWithoutResult(status -> repository.stream(request.list(), request.scope(),
                    request.faces(), request.version(), request.afterKey(), request.afterVersion(), request.limit(), out));
            DescriptorFrames.writeEnd(out);
            out.flush();
        };
        return ResponseEntity.ok().contentType(FRAMES).body(body);
    }

    @GetMapping(path = "/3/faces/descriptors", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> json(AccountContext account, HttpServletRequest http) {
        Request request = request(account, http);
        DescriptorPage page = repository.page(request.list(), request.scope(), request.faces(), request.version(),
                request.afterKey(), request.afterVersion(), request.limit());
        boolean full = page.count() == request.limit();
        List<Map<String, Object>> descriptors = new ArrayList<>(page.count());
        Base64.Encoder base64 = Base64.getEncoder();
        for (DescriptorFrames.Frame frame : DescriptorFrames.decode(page.frames())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", frame.key());
            item.put("face_id", frame.id().toString());
            item.put("version", frame.version());
            item.put("data", base64.encodeToString(frame.data()));
            descriptors.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("descriptors", descriptors);
        body.put("next", full ? Map.of("after_key", page.lastKey(), "after_version",
                page.lastVersion()) : null);
        return body;
    }
}
