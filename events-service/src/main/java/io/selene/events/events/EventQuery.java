package io.selene.events.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.fields.Catalogue;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.Field;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.fields.SqlConditions;
import io.selene.commons.ids.EventIds;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.Range;
import io.selene.commons.sql.Where;
import io.selene.events.EventsErrors;

/**
 * The filters of {@code GET /2/events} (the {@link EventFields} catalogue's search filters), shared by
 * search, stats, delete and the descriptor bulk read, turned into one SQL {@code WHERE} over the
 * {@code event} table aliased {@code e}.
 */
public final class EventQuery {

    private static final SqlConditions SQL = new SqlConditions(EventFields.CATALOGUE, "e", false);

    private final Where where = Where.all();
    private boolean filtered;
    private Optional<UUID> account = Optional.empty();

    private EventQuery() {
    }

    /** Adds the filters to a spec (page/targets/order/limit are added by each route). */
    public static FilterSpec filters(FilterSpec spec) {
        return EventFields.CATALOGUE.declare(spec, Use.SEARCH);
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

    /** Builds the condition for {@code filters} as read by {@code account}. */
    public static EventQuery of(Filters filters, AccountContext account) {
        EventQuery q = new EventQuery();
        if (EventFields.filtersNotEstimated(filters, Use.SEARCH)) {
            // an estimation Selene never makes (body attributes, ethnicity, deepfake): no event has it, so
            // the filter matches nothing, as LUNA's SQL filter on a column its events leave empty
            q.where.condition("FALSE");
            q.filtered = true;
        }
        q.account = account.readScope(filters.value("account_id"));
        q.account.ifPresent(a -> q.where.equal("e.account_id", a));
        for (Catalogue.Filter f : EventFields.CATALOGUE.filters(Use.SEARCH)) {
            if (f.field().source() == Field.Source.NOT_ESTIMATED) {
                continue; // above
            }
            if (!f.filter().own()) {
                q.filtered |= SQL.add(q.where, f, filters);
            } else if (given(filters, f)) {
                switch (f.name()) {
                    case "create_time" -> q.createTime(filters.<Instant>range("create_time").orElseThrow());
                    case "face_sample_ids" -> q.samples(filters, f.name(), "face_sample_id");
                    case "body_sample_ids" -> q.samples(filters, f.name(), "body_sample_id");
                    case "account_id" -> {
                        // the scope above
                    }
                    default -> throw new IllegalStateException("no SQL for filter " + f.name());
                }
            }
        }
        filters.<Instant>range("end_time").ifPresent(q::endTimeUpperBound);
        return q;
    }

    private static boolean given(Filters filters, Catalogue.Filter f) {
        return filters.lists().containsKey(f.name()) || filters.values().containsKey(f.name())
                || filters.ranges().containsKey(f.name());
    }

    /** Events having a detection with any of the samples (a sample belongs to one or a few events). */
    private void samples(Filters filters, String name, String column) {
        filters.list(name).ifPresent(values -> {
            where.condition("e.event_id IN (SELECT dt.event_id FROM event_detection dt WHERE dt." + column
                    + " IN (?))", values);
            filtered = true;
        });
    }

    /**
     * A create_time range is the event_id range of the ids made from those times (EventIds.generate), so
     * it is answered by the same index walk as the id order, instead of a second index the planner
     * cannot combine with the order (time and id are perfectly correlated, which it does not model).
     */
    private void createTime(Range<Instant> range) {
        idBound(Where.Comparison.AT_LEAST, range.gte() == null ? null : ceilMicros(range.gte()));
        idBound(Where.Comparison.AT_LEAST, range.gt() == null ? null : nextMicro(range.gt()));
        idBound(Where.Comparison.BELOW, range.lt() == null ? null : ceilMicros(range.lt()));
        idBound(Where.Comparison.BELOW, range.lte() == null ? null : nextMicro(range.lte()));
    }

    /** end_time is never before create_time, so an upper bound of end_time bounds the ids too. */
    private void endTimeUpperBound(Range<Instant> range) {
        idBound(Where.Comparison.BELOW, range.lt() == null ? null : ceilMicros(range.lt()));
        idBound(Where.Comparison.BELOW, range.lte() == null ? null : nextMicro(range.lte()));
    }

    private void idBound(Where.Comparison comparison, Instant time) {
        if (time != null) {
            where.compare("e.event_id", comparison, EventIds.floor(time));
            filtered = true;
        }
    }

    /** The first whole microsecond at or after {@code time} (PostgreSQL keeps microseconds). */
    private static Instant ceilMicros(Instant time) {
        Instant floor = time.truncatedTo(ChronoUnit.MICROS);
        return floor.equals(time) ? floor : floor.plusNanos(1000);
    }

    private static Instant nextMicro(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS).plusNanos(1000);
    }
}
