package io.selene.commons.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void acceptsOnlyTheLunaFormat() {
        assertThat(RequestIds.isValid("1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a")).isTrue();
        assertThat(RequestIds.isValid("153675134,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a")).isFalse();
        assertThat(RequestIds.isValid("1536751345,8B8B5937-2E9C-4E8B-A7A7-5CAF86621B5A")).isFalse();
        assertThat(RequestIds.isValid("1536751345,8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a\nX")).isFalse();
        assertThat(RequestIds.isValid(null)).isFalse();
    }

    @Test
    void generatesTheCurrentSecondAndARandomUuid() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
        String id = RequestIds.generate(clock);
        assertThat(id).startsWith("1800000000,");
        assertThat(RequestIds.isValid(id)).isTrue();
        assertThat(RequestIds.generate(clock)).isNotEqualTo(id);
    }
}
