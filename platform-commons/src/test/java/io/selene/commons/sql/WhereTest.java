package io.selene.commons.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.selene.commons.query.Range;
import org.junit.jupiter.api.Test;

/** The condition builder: caller values only ever as bound parameters. */
class WhereTest {

    @Test
    void anEmptyConditionIsTrue() {
        assertThat(Where.all().sql()).isEqualTo("TRUE");
        assertThat(Where.all().params()).isEmpty();
        assertThat(Where.all().isEmpty()).isTrue();
    }

    @Test
    void callerTextNeverBecomesSql() {
        String hostile = "x' OR '1'='1'; DROP TABLE face; --";
        Where where = Where.all().equal("f.user_data", hostile).contains("f.external_id", hostile)
                .anyOf("f.external_id", List.of(hostile, "b"), "text").in("e.source", List.of(hostile))
                .overlaps("e.tags", List.of(hostile), "text")
                .condition("EXISTS (SELECT 1 FROM list_face lf WHERE lf.list_id = ?)", hostile);
        assertThat(where.sql()).doesNotContain("DROP", "'1'", "OR").isEqualTo(
                "f.user_data = :w1 AND strpos(f.external_id, :w2) > 0"
                        + " AND f.external_id IN (SELECT unnest(CAST(:w3 AS text[]))) AND e.source IN (:w4)"
                        + " AND e.tags && CAST(:w5 AS text[])"
                        + " AND EXISTS (SELECT 1 FROM list_face lf WHERE lf.list_id = :w6)");
        assertThat(where.params()).containsEntry("w1", hostile).containsEntry("w2", hostile)
                .containsEntry("w3", "{\"x' OR '1'='1'; DROP TABLE face; --\",\"b\"}")
                .containsEntry("w4", List.of(hostile)).containsEntry("w6", hostile);
    }

    @Test
    void rangesBindOnlyTheGivenBoundsAndInstantsAsUtcTimestamps() {
        Instant from = Instant.parse("2026-01-02T03:04:05.123456Z");
        Where where = Where.all().range("f.create_time", new Range<>(from, null, null, Instant.parse("2026-02-01T00:00:00Z")))
                .range("e.age", new Range<>(null, 18.0, 65.0, null), "real");
        assertThat(where.sql()).isEqualTo("f.create_time >= :w1 AND f.create_time < :w2"
                + " AND e.age > CAST(:w3 AS real) AND e.age <= CAST(:w4 AS real)");
        assertThat(where.params().get("w1")).isEqualTo(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123456000, ZoneOffset.UTC));
        assertThat(where.params()).containsEntry("w3", 18.0).containsEntry("w4", 65.0);
    }

    @Test
    void aConditionWithinAnotherKeepsEveryParameterApart() {
        Where inner = Where.all().equal("f.user_data", "a").range("f.create_time", new Range<>(null, null, null,
                Instant.parse("2026-01-01T00:00:00Z")));
        Where outer = Where.all().equal("d.account_id", "acc")
                .within("EXISTS (SELECT 1 FROM face f WHERE f.face_id = d.face_id AND {})", inner)
                .condition("d.key >= ? AND (d.key, d.version) > (?, ?)", 7L, 7L, 201);
        assertThat(outer.sql()).isEqualTo("d.account_id = :w1 AND EXISTS (SELECT 1 FROM face f WHERE"
                + " f.face_id = d.face_id AND f.user_data = :w2 AND f.create_time < :w3)"
                + " AND d.key >= :w4 AND (d.key, d.version) > (:w5, :w6)");
        assertThat(outer.params()).containsEntry("w1", "acc").containsEntry("w2", "a").containsEntry("w4", 7L)
                .containsEntry("w6", 201).hasSize(6);
    }

    @Test
    void paramsAreAFreshMapForTheCallersOwnParameters() {
        UUID account = UUID.randomUUID();
        Where where = Where.all().equal("account_id", account);
        var params = where.params();
        params.put("limit", 10);
        assertThat(where.params()).containsOnlyKeys("w1").containsEntry("w1", account);
    }
}
