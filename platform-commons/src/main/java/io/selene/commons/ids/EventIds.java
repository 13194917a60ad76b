package io.selene.commons.ids;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Event ids: UUIDv7 whose time bits ARE the event's create_time. Shared because the event id is
 * decided by whoever makes the event (handlers-service, before it stores the event's face) and
 * checked by events-service, which relies on id order == create_time order.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    /**
     * The event id of an event created at {@code time}: a UUIDv7 (RFC 9562) of 48-bit Unix
     * milliseconds, the version, 12 bits holding the microseconds within the millisecond (RFC 9562
     * method 3, "increased clock precision"), the variant and 62 random bits. PostgreSQL compares
     * uuids bytewise, so the id order IS the create_time order (to the microsecond PostgreSQL keeps),
     * and a create_time range is an event_id range (see {@link #floor}).
     */
    public static UUID generate(Instant time) {
        return new UUID(high(time), (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L);
    }

    /** The smallest event id of the microsecond {@code time} (truncated to microseconds). */
    public static UUID floor(Instant time) {
        return new UUID(high(time), 0x8000000000000000L);
    }

    private static long high(Instant time) {
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
        long millis = Math.floorDiv(micros, 1000);
        long subMillis = Math.floorMod(micros, 1000);
        return (millis << 16) | 0x7000L | subMillis;
    }

    /** The create time an event id was made from, or {@code null} when it is not such an id. */
    public static Instant timeOf(UUID id) {
        long high = id.getMostSignificantBits();
        long subMillis = high & 0x0fffL;
        if (id.version() != 7 || id.variant() != 2 || subMillis > 999) {
            return null;
        }
        long millis = high >>> 16;
        return Instant.ofEpochMilli(millis).plusNanos(subMillis * 1000);
    }
}
