package io.selene.commons.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;

import io.selene.commons.error.LunaError;
import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** Key checks and request fingerprints (the stored claims are tested through faces- and events-service). */
class IdempotencyKeysTest {

    private static final LunaError BAD = new LunaError(99901, HttpStatus.BAD_REQUEST, "Bad", "bad key");
    private static final LunaError CONFLICT = new LunaError(99902, HttpStatus.CONFLICT, "Conflict", "key {}");
    private final JsonMapper json = JsonMapper.builder().build();
    private final IdempotencyKeys keys = new IdempotencyKeys(null, json, Clock.systemUTC(), Duration.ofHours(24), BAD,
            CONFLICT);

    @Test
    void theFingerprintIgnoresFormattingAndKeyOrderButNotValues() {
        byte[] one = keys.hash(json.readTree("{\"a\": 1, \"b\": {\"y\": [1, {\"q\": 2, \"p\": 3}], \"x\": null}}"));
        byte[] same = keys.hash(json.readTree("{\"b\":{\"x\":null,\"y\":[1,{\"p\":3,\"q\":2}]},\"a\":1}"));
        byte[] other = keys.hash(json.readTree("{\"a\": 1, \"b\": {\"y\": [{\"q\": 2, \"p\": 3}, 1], \"x\": null}}"));
        assertThat(one).hasSize(32).isEqualTo(same).isNotEqualTo(other);
    }

    @Test
    void keysArePrintableAsciiOfAtMost255Characters() {
        assertThat(keys.claimOf(null, json.readTree("{}"))).isEmpty();
        assertThat(keys.claimOf("k-1 ~", json.readTree("{}"))).get().extracting(IdempotencyKeys.Claim::key)
                .isEqualTo("k-1 ~");
        assertThat(keys.claimOf("x".repeat(255), json.readTree("{}"))).isPresent();
        for (String bad : new String[] {"", "x".repeat(256), "tab\tkey", "ключ"}) {
            assertThatThrownBy(() -> keys.claimOf(bad, json.readTree("{}"))).isInstanceOf(LunaException.class)
                    .extracting(e -> ((LunaException) e).errorCode()).isEqualTo(99901);
        }
    }
}
