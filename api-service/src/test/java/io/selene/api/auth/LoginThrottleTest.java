package io.selene.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The login throttle on this JVM's real Redis: each test uses its own key prefix and logins. */
class LoginThrottleTest {

    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void redis() {
        Map<String, Object> properties = TestInfrastructure.get().springProperties();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                String.valueOf(properties.get("spring.data.redis.host")),
                Integer.parseInt(String.valueOf(properties.get("spring.data.redis.port")))));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void close() {
        connections.destroy();
    }

    private static LoginThrottle throttle(int max, Duration window) {
        return throttle(max, window, "selene-test-" + UUID.randomUUID() + ":");
    }

    private static LoginThrottle throttle(int max, Duration window, String prefix) {
        return new LoginThrottle(redis, new GatewaySettings(false, Duration.ofSeconds(15), 100, max, window), prefix);
    }

    @Test
    void aLoginIsLockedOnceItsAttemptsAreUsedAndOthersAreNot() {
        LoginThrottle throttle = throttle(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            throttle.check("alice@example.com");
            throttle.attempt("alice@example.com");
        }
        assertThatThrownBy(() -> throttle.check("ALICE@example.com"))
                .isInstanceOfSatisfying(LoginThrottle.Locked.class, locked -> {
                    assertThat(locked.status().value()).isEqualTo(429);
                    assertThat(locked.errorCode()).isEqualTo(10005);
                    assertThat(locked.detail()).contains("alice@example.com");
                    assertThat(locked.retryAfterSeconds()).isBetween(1L, 60L);
                });
        assertThatThrownBy(() -> throttle.attempt("alice@example.com")).isInstanceOf(LoginThrottle.Locked.class);
        assertThatNoException().isThrownBy(() -> throttle.check("bob@example.com"));
    }

    @Test
    void aSuccessResetsAndTheWindowEnds() throws InterruptedException {
        LoginThrottle throttle = throttle(2, Duration.ofMillis(500));
        throttle.attempt("carol@example.com");
        throttle.succeeded("carol@example.com");
        throttle.attempt("carol@example.com");
        assertThatNoException().isThrownBy(() -> throttle.check("carol@example.com"));
        throttle.attempt("carol@example.com");
        assertThatThrownBy(() -> throttle.check("carol@example.com")).isInstanceOf(LoginThrottle.Locked.class);
        Thread.sleep(700);
        assertThatNoException().isThrownBy(() -> throttle.check("carol@example.com"));
    }

    /** Issue #13: 8 concurrent connections got 10–11 password checks against a limit of 5. */
    @Test
    void concurrentAttemptsGetNoMoreChecksThanTheLimit() throws Exception {
        // two gateway instances on the same Redis count together
        String prefix = "selene-test-" + UUID.randomUUID() + ":";
        List<LoginThrottle> gateways = List.of(throttle(5, Duration.ofMinutes(1), prefix),
                throttle(5, Duration.ofMinutes(1), prefix));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LoginThrottle throttle = gateways.get(i % 2);
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    throttle.attempt("dave@example.com");
                    return true;
                } catch (LoginThrottle.Locked locked) {
                    return false;
                }
            }));
        }
        start.countDown();
        int checked = 0;
        for (Future<Boolean> attempt : attempts) {
            checked += attempt.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(checked).isEqualTo(5);
        assertThatThrownBy(() -> gateways.get(1).check("dave@example.com")).isInstanceOf(LoginThrottle.Locked.class);
    }
}
