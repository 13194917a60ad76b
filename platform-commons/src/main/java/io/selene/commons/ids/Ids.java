package io.selene.commons.ids;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.selene.commons.error.PlatformErrors;

/**
 * Ids from paths and LUNA timestamps, the same in every service. Times are kept to the microsecond
 * PostgreSQL keeps, so what a service stores reads back identical; event ids are {@link EventIds}.
 */
public final class Ids {

    private Ids() {
    }

    /** A UUID path or query value; 400 (101) naming it otherwise. */
    public static UUID uuid(String name, String raw) {
        if (raw != null && raw.length() == 36) {
            try {
                return UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of '" + name + "': expected a UUID");
    }

    /** Now in UTC, truncated to microseconds. */
    public static OffsetDateTime now(Clock clock) {
        return utc(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    public static OffsetDateTime utc(Instant time) {
        return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
    }

    /** LUNA's timestamp text: ISO-8601 in UTC with its offset ({@code 2026-01-02T03:04:05.123456Z}). */
    public static String format(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static String format(Instant time) {
        return time == null ? null : format(utc(time));
    }
}
