package io.selene.commons.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;

class FilterSpecTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private final FilterSpec spec = FilterSpec.paged()
            .list("face_ids", ValueType.UUID, 2)
            .range("create_time", ValueType.TIMESTAMP)
            .range("age", ValueType.DOUBLE)
            .value("user_data", ValueType.STRING)
            .value("with_faces", ValueType.BOOLEAN);

    private Filters parse(Map<String, String> query) {
        Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
        query.forEach((k, v) -> parameters.put(k, new String[] {v}));
        return spec.parse(parameters, clock);
    }

    @Test
    void defaultsToFirstPageOfTen() {
        Filters filters = parse(Map.of());
        assertThat(filters.page()).isEqualTo(new PageRequest(1, 10));
        assertThat(filters.page().offset()).isZero();
        assertThat(new PageRequest(3, 25).offset()).isEqualTo(50);
    }

    @Test
    void rangesCombineBoundsOfOneField() {
        Filters filters = parse(Map.of("age__gte", "18", "age__lt", "30.5", "create_time__gt", "now-3h"));

        Range<Double> age = filters.<Double>range("age").orElseThrow();
        assertThat(age.gte()).isEqualTo(18.0);
        assertThat(age.lt()).isEqualTo(30.5);
        assertThat(age.contains(18.0)).isTrue();
        assertThat(age.contains(30.5)).isFalse();
        assertThat(filters.<Instant>range("create_time").orElseThrow().gt())
                .isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    }

    @Test
    void timestampsAcceptOffsetsAndRelativeForms() {
        assertThat(parse(Map.of("create_time__lt", "2026-01-02T03:04:05+02:00"))
                .<Instant>range("create_time").orElseThrow().lt()).isEqualTo(Instant.parse("2026-01-02T01:04:05Z"));
        assertThat(parse(Map.of("create_time__lt", "now-2d"))
                .<Instant>range("create_time").orElseThrow().lt()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void listsAndValuesAreTyped() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Filters filters = parse(Map.of("face_ids", a + "," + b, "user_data", "vip", "with_faces", "1"));
        assertThat(filters.<UUID>list("face_ids").orElseThrow()).isEqualTo(List.of(a, b));
        assertThat(filters.<String>value("user_data")).contains("vip");
        assertThat(filters.<Boolean>value("with_faces")).contains(true);
    }

    @Test
    void refusesWhatItCannotParse() {
        assertBadQuery(Map.of("face_ids", "not-a-uuid"), "face_ids");
        assertBadQuery(Map.of("face_ids", UUID.randomUUID() + "," + UUID.randomUUID() + "," + UUID.randomUUID()),
                "at most 2");
        assertBadQuery(Map.of("age__gte", "NaN"), "age__gte");
        assertBadQuery(Map.of("age__between", "1"), "age__between");
        assertBadQuery(Map.of("page", "0"), "page");
        assertBadQuery(Map.of("page_size", "101"), "page_size");
        assertBadQuery(Map.of("with_faces", "yes"), "with_faces");
        assertBadQuery(Map.of("user_data", ""), "user_data");
    }

    @Test
    void refusesRepeatedParameters() {
        assertThatThrownBy(() -> spec.parse(Map.of("user_data", new String[] {"a", "b"}), clock))
                .isInstanceOf(LunaException.class)
                .hasMessageContaining("more than once");
    }

    private void assertBadQuery(Map<String, String> query, String mentioned) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOfSatisfying(LunaException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(101);
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.detail()).contains(mentioned);
                });
    }
}
