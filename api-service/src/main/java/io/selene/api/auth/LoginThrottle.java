package io.selene.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.selene.api.GatewayErrors;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: at most {@code max-failed-logins} passwords are checked for one login within
 * {@code failed-login-window}; past that the login is refused with 429 (code 10005) until the window ends,
 * even with the right password. Each attempt is counted in Redis BEFORE its password is checked, by one
 * atomic script (increment, and start the window on the first), so concurrent connections cannot get
 * more checks than the limit, and every gateway instance shares the count. A right password resets it.
 */
@Component
public class LoginThrottle {

    /** KEYS[1] the login's counter, ARGV[1] the window (ms): {attempts, ms left in the window}. */
    private static final RedisScript<List> COUNT = RedisScript.of("""
            local attempts = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              left = tonumber(ARGV[1])
            end
            return {attempts, left}""", List.class);

    /** The 429 of a locked login; the gateway also answers its {@code Retry-After}. */
    public static final class Locked extends LunaException {

        private final long retryAfterSeconds;

        Locked(String login, long retryAfterSeconds) {
            super(GatewayErrors.TOO_MANY_FAILED_LOGINS,
                    GatewayErrors.TOO_MANY_FAILED_LOGINS.exception(login, retryAfterSeconds).detail());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final StringRedisTemplate redis;
    private final String prefix;
    private final int maxAttempts;
    private final long windowMillis;

    public LoginThrottle(StringRedisTemplate redis, GatewaySettings settings,
            @Value("${selene.redis.key-prefix}") String prefix) {
        this.redis = redis;
        this.prefix = prefix + "gateway:login-attempts:";
        this.maxAttempts = settings.maxFailedLogins();
        this.windowMillis = settings.failedLoginWindow().toMillis();
    }

    /** Refuses a login whose attempts of this window are used up (also before a cached right password). */
    public void check(String login) {
        String key = key(login);
        try {
            String attempts = redis.opsForValue().get(key);
            if (attempts != null && Long.parseLong(attempts) >= maxAttempts) {
                Long left = redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
                throw new Locked(normalised(login), seconds(left == null ? windowMillis : left));
            }
        } catch (DataAccessException e) {
            throw unavailable(e);
        }
    }

    /** Counts an attempt before its password is checked; refuses it (429) when it is over the limit. */
    public void attempt(String login) {
        List<?> answer;
        try {
            answer = redis.execute(COUNT, List.of(key(login)), Long.toString(windowMillis));
        } catch (DataAccessException e) {
            throw unavailable(e);
        }
        long attempts = ((Number) answer.get(0)).longValue();
        if (attempts > maxAttempts) {
            throw new Locked(normalised(login), seconds(((Number) answer.get(1)).longValue()));
        }
    }

    /** The password was right: the count starts again. */
    public void succeeded(String login) {
        try {
            redis.delete(key(login));
        } catch (DataAccessException e) {
            throw unavailable(e);
        }
    }

    /** The password could not be checked (Accounts unreachable): that attempt does not count. */
    public void notChecked(String login) {
        try {
            redis.opsForValue().decrement(key(login));
        } catch (DataAccessException e) {
            // the count stays one higher until the window ends: fail closed
        }
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static LunaException unavailable(DataAccessException e) {
        return PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(e, "Redis (login attempts)");
    }

    private static String normalised(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }

    /** Hashed: a login is caller input of any length and character. */
    private String key(String login) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised(login).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
