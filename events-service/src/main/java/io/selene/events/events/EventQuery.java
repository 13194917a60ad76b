package io.selene.events.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.ids.EventIds;
import io.selene.commons.query.EnumeratedFilter;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.Range;
import io.selene.commons.query.ValueType;
import io.selene.commons.sql.Where;
import io.selene.events.EventsErrors;

/**
 * The filters of {@code GET /2/events} (luna-api.md §5, those that apply to what Selene estimates),
 * shared by search, stats and delete, turned into one SQL {@code WHERE} over the {@code event} table.
 */
public final class EventQuery {

    public static final int MAX_IDS = 1000;

    /** Adds the filters to a spec (page/targets/order/limit are added by each route). */
    public static FilterSpec filters(FilterSpec spec) {
        return spec.list("event_ids", ValueType.UUID, MAX_IDS).range("event_id", ValueType.UUID)
                .value("account_id", ValueType.UUID)
                .list("handler_ids", ValueType.UUID, MAX_IDS).list("sources", ValueType.STRING, MAX_IDS)
                .list("tags", ValueType.STRING, 100).list("face_ids", ValueType.UUID, MAX_IDS)
                .list("external_ids", ValueType.STRING, MAX_IDS).value("user_data", ValueType.STRING)
                .list("track_ids", ValueType.STRING, MAX_IDS).list("stream_ids", ValueType.UUID, MAX_IDS)
                .range("create_time", ValueType.TIMESTAMP).range("end_time", ValueType.TIMESTAMP)
                .range("insert_time", ValueType.TIMESTAMP)
                .value("top_matching_candidates_label", ValueType.STRING)
                .list("top_similar_object_ids", ValueType.UUID, MAX_IDS)
                .list("top_similar_external_ids", ValueType.STRING, MAX_IDS)
                .range("top_similar_object_similarity", ValueType.DOUBLE)
                .range("age", ValueType.DOUBLE).value("gender", ValueType.INTEGER)
                .list("emotions", ValueType.STRING, 7).list("liveness", ValueType.STRING, 3)
                .list("masks", ValueType.STRING, 3)
                .list("cities", ValueType.STRING, MAX_IDS).list("areas", ValueType.STRING, MAX_IDS)
                .list("districts", ValueType.STRING, MAX_IDS).list("streets", ValueType.STRING, MAX_IDS)
                .list("house_numbers", ValueType.STRING, MAX_IDS)
                .range("latitude", ValueType.DOUBLE).range("longitude", ValueType.DOUBLE)
                .range("face_detection_count", ValueType.INTEGER).range("body_detection_count", ValueType.INTEGER)
                .list("face_sample_ids", ValueType.UUID, MAX_IDS).list("body_sample_ids", ValueType.UUID, MAX_IDS)
                // known to LUNA, refused by name (NOT_ESTIMATED) rather than as unknown parameters
                .range("apparent_age", ValueType.DOUBLE).list("apparent_gender", ValueType.STRING, 3)
                .list("headwear_states", ValueType.STRING, 10).list("headwear_apparent_colors", ValueType.STRING, 20)
                .list("upper_clothing_colors", ValueType.STRING, 20).list("sleeve_lengths", ValueType.STRING, 10)
                .list("backpack_states", ValueType.STRING, 10).list("lower_garment_types", ValueType.STRING, 10)
                .list("lower_garment_colors", ValueType.STRING, 20).list("shoes_apparent_colors", ValueType.STRING, 20);
    }

    /**
     * LUNA's body-attribute filters: Selene detects bodies but does not estimate these attributes, so
     * a filter on them could only ever match events stored with foreign estimations, or nothing; it
     * is refused with 400 23063 instead of answering an empty (misleading) page.
     */
    static final List<String> NOT_ESTIMATED = List.of("apparent_age", "apparent_gender", "headwear_states",
            "headwear_apparent_colors", "upper_clothing_colors", "sleeve_lengths", "backpack_states",
            "lower_garment_types", "lower_garment_colors", "shoes_apparent_colors");

    /** The names of every filter (what "has a filter" means for delete). */
    static final List<String> FILTER_NAMES = List.of("event_ids", "event_id", "handler_ids", "sources", "tags",
            "face_ids", "external_ids", "user_data", "track_ids", "stream_ids", "create_time", "end_time",
            "insert_time",
            "top_matching_candidates_label", "top_similar_object_ids", "top_similar_external_ids",
            "top_similar_object_similarity", "age", "gender", "emotions", "liveness", "masks", "cities", "areas",
            "districts", "streets", "house_numbers", "latitude", "longitude", "face_detection_count",
            "body_detection_count", "face_sample_ids", "body_sample_ids");

    private final Where where = Where.all();
    private boolean filtered;
    private Optional<UUID> account = Optional.empty();

    private EventQuery() {
    }

    /** The condition on {@code event e}, with its parameters. */
    public Where where() {
        return where;
    }

    /** The account the query is limited to (empty: visibility {@code all} over every account). */
    public Optional<UUID> account() {
        return account;
    }

    /** Whether any filter besides the account was given. */
    public boolean filtered() {
        return filtered;
    }

    /** Builds the condition for {@code filters} as read by {@code account}; column names are prefixed with {@code e.}. */
    public static EventQuery of(Filters filters, AccountContext account) {
        for (String name : NOT_ESTIMATED) {
            if (filters.list(name).isPresent() || filters.ranges().containsKey(name)) {
                throw EventsErrors.NOT_ESTIMATED.exception(name);
            }
        }
        EventQuery q = new EventQuery();
        Optional<UUID> scope = account.readScope(filters.value("account_id"));
        scope.ifPresent(a -> q.where.equal("e.account_id", a));
        q.account = scope;
        q.filtered = false;
        q.list(filters, "event_ids", "e.event_id");
        q.range(filters, "event_id", "e.event_id");
        q.list(filters, "handler_ids", "e.handler_id");
        q.list(filters, "sources", "e.source");
        filters.<String>list("tags").ifPresent(tags -> q.filtered(q.where.overlaps("e.tags", tags, "text")));
        q.list(filters, "face_ids", "e.face_id");
        q.list(filters, "external_ids", "e.external_id");
        filters.value("user_data").ifPresent(v -> q.filtered(q.where.equal("e.user_data", v)));
        q.list(filters, "track_ids", "e.track_id");
        q.list(filters, "stream_ids", "e.stream_id");
        q.createTime(filters);
        q.range(filters, "end_time", "e.end_time");
        q.endTimeUpperBound(filters);
        q.range(filters, "insert_time", "e.insert_time");
        filters.value("top_matching_candidates_label").ifPresent(v ->
                q.filtered(q.where.equal("e.top_match_label", v)));
        q.list(filters, "top_similar_object_ids", "e.top_match_object_id");
        q.list(filters, "top_similar_external_ids", "e.top_match_external_id");
        q.range(filters, "top_similar_object_similarity", "e.top_match_similarity");
        q.range(filters, "age", "e.age");
        filters.<Integer>value("gender").ifPresent(g -> {
            if (g != 0 && g != 1) {
                throw PlatformErrors.BAD_QUERY.exception("Bad value '" + g + "' of parameter 'gender': 0 or 1");
            }
            q.filtered(q.where.equal("e.gender", g));
        });
        q.named(filters, EnumeratedFilter.EMOTIONS, "e.emotion");
        q.named(filters, EnumeratedFilter.LIVENESS, "e.liveness");
        q.named(filters, EnumeratedFilter.MASKS, "e.mask");
        q.list(filters, "cities", "e.city");
        q.list(filters, "areas", "e.area");
        q.list(filters, "districts", "e.district");
        q.list(filters, "streets", "e.street");
        q.list(filters, "house_numbers", "e.house_number");
        q.range(filters, "latitude", "e.latitude");
        q.range(filters, "longitude", "e.longitude");
        q.range(filters, "face_detection_count", "e.face_detection_count");
        q.range(filters, "body_detection_count", "e.body_detection_count");
        q.samples(filters, "face_sample_ids", "face_sample_id");
        q.samples(filters, "body_sample_ids", "body_sample_id");
        return q;
    }

    private void filtered(Where ignored) {
        filtered = true;
    }

    /** Events having a detection with any of the samples (a sample belongs to one or a few events). */
    private void samples(Filters filters, String name, String column) {
        filters.list(name).ifPresent(values -> filtered(where.condition(
                "e.event_id IN (SELECT dt.event_id FROM event_detection dt WHERE dt." + column + " IN (?))", values)));
    }

    private void list(Filters filters, String name, String column) {
        filters.list(name).ifPresent(values -> filtered(where.in(column, values)));
    }

    /** Enumerated estimations, by LUNA's names or codes (as the Sender's subscriptions read them). */
    private void named(Filters filters, EnumeratedFilter filter, String column) {
        filters.<String>list(filter.name()).ifPresent(values -> filtered(where.in(column, filter.resolve(values))));
    }

    /**
     * A create_time range is the event_id range of the ids made from those times (EventIds.generate), so
     * it is answered by the same index walk as the id order, instead of a second index the planner
     * cannot combine with the order (time and id are perfectly correlated, which it does not model).
     */
    private void createTime(Filters filters) {
        Range<?> range = filters.ranges().get("create_time");
        if (range == null) {
            return;
        }
        if (range.gte() != null) {
            bound(">=", EventIds.floor(ceilMicros((Instant) range.gte())));
        }
        if (range.gt() != null) {
            bound(">=", EventIds.floor(nextMicro((Instant) range.gt())));
        }
        if (range.lt() != null) {
            bound("<", EventIds.floor(ceilMicros((Instant) range.lt())));
        }
        if (range.lte() != null) {
            bound("<", EventIds.floor(nextMicro((Instant) range.lte())));
        }
    }

    /** end_time is never before create_time, so an upper bound of end_time bounds the ids too. */
    private void endTimeUpperBound(Filters filters) {
        Range<?> range = filters.ranges().get("end_time");
        if (range == null) {
            return;
        }
        if (range.lt() != null) {
            bound("<", EventIds.floor(ceilMicros((Instant) range.lt())));
        }
        if (range.lte() != null) {
            bound("<", EventIds.floor(nextMicro((Instant) range.lte())));
        }
    }

    /** The first whole microsecond at or after {@code time} (PostgreSQL keeps microseconds). */
    private static Instant ceilMicros(Instant time) {
        Instant floor = time.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return floor.equals(time) ? floor : floor.plusNanos(1000);
    }

    private static Instant nextMicro(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusNanos(1000);
    }

    /** An event id bound made from a time. */
    private void bound(String comparison, UUID id) {
        filtered(where.compare("e.event_id", comparison.equals(">=") ? Where.Comparison.AT_LEAST
                : Where.Comparison.BELOW, id));
    }

    private void range(Filters filters, String name, String column) {
        Range<?> range = filters.ranges().get(name);
        if (range != null) {
            filtered(where.range(column, range, REAL_COLUMNS.contains(column) ? "real" : null));
        }
    }

    private static final List<String> REAL_COLUMNS = List.of("e.age", "e.top_match_similarity");
}
