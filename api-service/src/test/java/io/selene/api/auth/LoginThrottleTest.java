package io.selene.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.selene.api.auth.GatewaySettings;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static LoginThrottle throttle(int max, Duration window) {
        return new LoginThrottle(new GatewaySettings(false, Duration.ofSeconds(15), 100, max, window));
    }

    @Test
    void aLoginIsLockedAfterTooManyFailuresAndOthersAreNot() {
        LoginThrottle throttle = throttle(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            throttle.check("alice@example.com");
            throttle.failed("alice@example.com");
        }
        assertThatThrownBy(() -> throttle.check("ALICE@example.com"))
                .isInstanceOfSatisfying(LoginThrottle.Locked.class, locked -> {
                    assertThat(locked.status().value()).isEqualTo(429);
                    assertThat(locked.errorCode()).isEqualTo(10005);
                    assertThat(locked.detail()).contains("alice@example.com");
                    assertThat(locked.retryAfterSeconds()).isBetween(1L, 60L);
                });
        assertThatNoException().isThrownBy(() -> throttle.check("bob@example.com"));
    }

    @Test
    void aSuccessResetsAndTheWindowEnds() throws InterruptedException {
        LoginThrottle throttle = throttle(2, Duration.ofMillis(300));
        throttle.failed("carol@example.com");
        throttle.succeeded("carol@example.com");
        throttle.failed("carol@example.com");
        assertThatNoException().isThrownBy(() -> throttle.check("carol@example.com"));
        throttle.failed("carol@example.com");
        assertThatThrownBy(() -> throttle.check("carol@example.com")).isInstanceOf(LoginThrottle.Locked.class);
        Thread.sleep(350);
        assertThatNoException().isThrownBy(() -> throttle.check("carol@example.com"));
    }
}
