package io.selene.handlers.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.selene.commons.error.PlatformErrors;

/**
 * The event's times a caller sets with LUNA's {@code Luna-Event-Time} (the event's {@code create_time})
 * and {@code Luna-Event-End-Time} ({@code end_time}) headers of the generate-events route, e.g. a
 * camera bridge replaying frames it saw earlier. Unset: the time of the request. Either header is
 * ISO-8601 / RFC 3339 with an offset; a malformed one, or an end before the start, is a 400 (12049).
 *
 * @param create the event's create_time
 * @param end the event's end_time
 */
record EventTimes(OffsetDateTime create, OffsetDateTime end) {

    static final String EVENT_TIME = "Luna-Event-Time";
    static final String EVENT_END_TIME = "Luna-Event-End-Time";

    static EventTimes of(String eventTime, String eventEndTime) {
        OffsetDateTime create = header(EVENT_TIME, eventTime);
        OffsetDateTime end = header(EVENT_END_TIME, eventEndTime);
        if (end != null && create != null && end.isBefore(create)) {
            throw PlatformErrors.BAD_HEADER.exception(EVENT_END_TIME, "is before the event's create_time " + create);
        }
        return of(create, end);
    }

    /** From times already read (null: the request's time; the end: the create time); the end must not be before. */
    static EventTimes of(OffsetDateTime create, OffsetDateTime end) {
        OffsetDateTime start = create != null ? utc(create)
                : OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime until = end == null ? start : utc(end);
        return new EventTimes(start, until);
    }

    /** Stored as events-service stores times: UTC, microseconds (the event id's time bits are create_time's). */
    static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime header(String header, String value) {
        if (value == null) {
            return null;
        }
        try {
            return utc(OffsetDateTime.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw PlatformErrors.BAD_HEADER.exception(header,
                    "must be ISO-8601 (RFC 3339) with an offset, e.g. 2026-01-02T03:04:05.123456+03:00");
        }
    }
}
