package io.selene.faces.changes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.ids.Ids;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /3/lists/changes?after_key=<k>&limit=<n>[&list_id=][&account_id=]}: the change feed
 * (link, unlink, face_attributes, face_delete, list_delete) after a key, in key order. A reader
 * starts from {@code last_key} of an empty read (or 0), loads a snapshot, then keeps asking with
 * {@code after_key} = the {@code last_key} of the previous answer. See {@link ChangeLog} for why no
 * key can be skipped.
 */
@RestController
public class ChangesController {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10000;

    private static final FilterSpec SPEC = FilterSpec.unpaged().value("after_key", ValueType.LONG)
            .value("limit", ValueType.INTEGER).value("list_id", ValueType.UUID).value("account_id", ValueType.UUID);

    private final ChangeLog changes;
    private final Clock clock;

    public ChangesController(ChangeLog changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping("/3/lists/changes")
    public Map<String, Object> changes(AccountContext account, HttpServletRequest request) {
        Filters filters = SPEC.parse(request.getParameterMap(), clock);
        long after = filters.<Long>value("after_key").orElse(0L);
        int limit = filters.<Integer>value("limit").orElse(DEFAULT_LIMIT);
        if (after < 0) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + after + "' of parameter 'after_key': must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + limit + "' of parameter 'limit': must be in 1.."
                    + MAX_LIMIT);
        }
        Optional<UUID> scope = account.readScope(filters.value("account_id"));
        List<ChangeLog.ChangeRow> rows = changes.after(scope, filters.value("list_id"), after, limit);
        List<Map<String, Object>> out = rows.stream().map(row -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("change_key", row.changeKey());
            change.put("action", row.action());
            change.put("account_id", row.accountId().toString());
            change.put("list_id", row.listId() == null ? null : row.listId().toString());
            change.put("face_id", row.faceId() == null ? null : row.faceId().toString());
            change.put("change_time", Ids.format(row.changeTime()));
            return change;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", out);
        body.put("last_key", rows.isEmpty() ? after : rows.getLast().changeKey());
        body.put("has_more", rows.size() == limit);
        return body;
    }

    /**
     * {@code GET /3/lists/changes/position}: the newest committed key of the whole feed, one index-only
     * read. A write acknowledged before this read has a key at or below it (keys are taken and
     * committed in order, see {@link ChangeLog}), so a reader that has applied the feed up to it
     * reflects every such write: the matcher reads it at the start of a match (read your writes).
     */
    @GetMapping("/3/lists/changes/position")
    public Map<String, Object> position() {
        return Map.of("position", changes.lastKey(Optional.empty()));
    }
}
