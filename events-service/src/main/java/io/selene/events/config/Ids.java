package io.selene.events.config;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.selene.commons.error.PlatformErrors;

/** UUID parameters and LUNA timestamps; event ids themselves are platform-commons {@code EventIds}. */
public final class Ids {

    private Ids() {
    }

    public static UUID uuid(String name, String raw) {
        if (raw == null || raw.length() != 36) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of '" + name + "': expected a UUID");
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of '" + name + "': expected a UUID");
        }
    }

    /** Now, at the microsecond precision PostgreSQL keeps. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static OffsetDateTime utc(Instant time) {
        return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
    }

    public static String format(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
