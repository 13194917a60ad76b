package io.selene.events.descriptors;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.selene.commons.account.AccountContext;
import io.selene.commons.descriptor.DescriptorFrames;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.commons.sql.Where;
import io.selene.events.config.EventsSettings;
import io.selene.events.events.EventQuery;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Internal bulk read of event descriptors for the matcher (origin events; not routed publicly):
 * {@code GET /2/events/descriptors?[<any filter of GET /2/events>][&version=][&after_key=&after_version=][&limit=]}
 * ({@code event_ids=<id>} reads one event's descriptor). Same format as faces-service's
 * {@code /3/faces/descriptors}: with {@code Accept: application/octet-stream}, {@link DescriptorFrames}
 * (a body without the end frame was cut off); otherwise JSON
 * {@code {"descriptors":[{"key","event_id","version","data"}],"next":{"after_key","after_version"}|null}}.
 * The key is the descriptor's insertion key ({@code descriptor_key}), so pages are keyset-ordered by
 * {@code (key, version)} and follow heap order.
 */
@RestController
public class EventDescriptorController {

    private static final int DEFAULT_LIMIT = 1000;
    /** Every filter of {@code GET /2/events} (one implementation: EventQuery) plus the keyset page. */
    private static final FilterSpec SPEC = EventQuery.filters(FilterSpec.unpaged()).value("version", ValueType.INTEGER)
            .value("after_key", ValueType.LONG).value("after_version", ValueType.INTEGER)
            .value("limit", ValueType.INTEGER);

    private final NamedParameterJdbcTemplate streaming;
    private final EventsSettings settings;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    public EventDescriptorController(DataSource dataSource, EventsSettings settings, Clock clock,
            PlatformTransactionManager transactions) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // inside a transaction the driver then fetches in chunks instead of buffering the whole page
        template.setFetchSize(500);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.settings = settings;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    private record Page(String sql, Map<String, Object> params, int limit) {
    }

    private Page page(AccountContext account, HttpServletRequest request) {
        Filters filters = SPEC.parse(request.getParameterMap(), clock);
        int limit = filters.<Integer>value("limit").orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > settings.descriptorsMaxPage()) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + limit + "' of parameter 'limit': must be in 1.."
                    + settings.descriptorsMaxPage());
        }
        Optional<Long> afterKey = filters.value("after_key");
        if (afterKey.isEmpty() && filters.value("after_version").isPresent()) {
            throw PlatformErrors.BAD_QUERY.exception("'after_version' needs 'after_key'");
        }
        EventQuery query = EventQuery.of(filters, account);
        Where where = Where.all();
        String from = "event_descriptor d";
        if (query.filtered()) {
            // the event's filters: one join by primary key; the account equality lets the planner use
            // event_descriptor_account for the key order
            from += " JOIN event e ON e.event_id = d.event_id AND e.account_id = d.account_id";
            where.within("{}", query.where());
        } else {
            query.account().ifPresent(a -> where.equal("d.account_id", a));
        }
        filters.<Integer>value("version").ifPresent(v -> where.equal("d.version", v));
        afterKey.ifPresent(k -> where.condition("d.descriptor_key >= ? AND (d.descriptor_key, d.version) > (?, ?)", k,
                k, filters.<Integer>value("after_version").orElse(Integer.MIN_VALUE)));
        Map<String, Object> params = where.params();
        params.put("limit", limit);
        return new Page("SELECT d.descriptor_key, d.event_id, d.version, d.data FROM " + from + " WHERE "
                + where.sql() + " ORDER BY d.descriptor_key, d.version LIMIT :limit", params, limit);
    }

    /** Binary frames, streamed while the rows arrive. */
    @GetMapping(path = "/2/events/descriptors", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<StreamingResponseBody> frames(AccountContext account, HttpServletRequest http) {
        Page page = page(account, http);
        StreamingResponseBody body = output -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(output, 1 << 16));
            readOnly.executeWithoutResult(status -> read(page, out, null));
            DescriptorFrames.writeEnd(out);
            out.flush();
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(body);
    }

    @GetMapping(path = "/2/events/descriptors", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> json(AccountContext account, HttpServletRequest http) {
        Page page = page(account, http);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] last = new long[2];
        int count = readOnly.execute(status -> read(page, new DataOutputStream(bytes), last));
        List<Map<String, Object>> descriptors = new ArrayList<>(count);
        Base64.Encoder base64 = Base64.getEncoder();
        for (DescriptorFrames.Frame frame : DescriptorFrames.decode(bytes.toByteArray())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", frame.key());
            item.put("event_id", frame.id().toString());
            item.put("version", frame.version());
            item.put("data", base64.encodeToString(frame.data()));
            descriptors.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("descriptors", descriptors);
        body.put("next", count == page.limit() ? Map.of("after_key", last[0], "after_version", (int) last[1]) : null);
        return body;
    }

    private int read(Page page, DataOutputStream out, long[] last) {
        int[] count = {0};
        streaming.query(page.sql(), page.params(), rs -> {
            long key = rs.getLong(1);
            UUID eventId = rs.getObject(2, UUID.class);
            int version = rs.getInt(3);
            DescriptorFrames.writeUnchecked(out, key, eventId, version, rs.getBytes(4));
            count[0]++;
            if (last != null) {
                last[0] = key;
                last[1] = version;
            }
        });
        return count[0];
    }
}
