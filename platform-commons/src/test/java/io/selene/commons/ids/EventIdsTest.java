package io.selene.commons.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void anIdCarriesItsTimeToTheMicrosecond() {
        Instant time = Instant.parse("2024-06-01T12:00:00.123456789Z");
        UUID id = EventIds.generate(time);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(EventIds.timeOf(id)).isEqualTo(Instant.parse("2024-06-01T12:00:00.123456Z"));
        assertThat(EventIds.generate(time)).isNotEqualTo(id);
    }

    @Test
    void idOrderIsTimeOrderAndTheFloorIsTheSmallestIdOfItsMicrosecond() {
        Instant earlier = Instant.parse("2024-06-01T12:00:00.999999Z");
        Instant later = Instant.parse("2024-06-01T12:00:01.000000Z");
        // PostgreSQL compares uuids bytewise (unsigned), as this string comparison does
        assertThat(EventIds.generate(earlier).toString()).isLessThan(EventIds.floor(later).toString());
        assertThat(EventIds.floor(later).toString()).isLessThanOrEqualTo(EventIds.generate(later).toString());
    }

    @Test
    void otherUuidsHaveNoTime() {
        assertThat(EventIds.timeOf(UUID.randomUUID())).as("version 4").isNull();
        UUID id = EventIds.generate(Instant.now());
        UUID subMillisOutOfRange = new UUID(id.getMostSignificantBits() | 0x0fffL, id.getLeastSignificantBits());
        assertThat(EventIds.timeOf(subMillisOutOfRange)).isNull();
        UUID otherVariant = new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits() & 0x3fffffffffffffffL);
        assertThat(EventIds.timeOf(otherVariant)).isNull();
    }
}
