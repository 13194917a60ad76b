package io.selene.api.auth;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.selene.api.GatewayErrors;
import io.selene.commons.error.LunaException;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code max-failed-logins} wrong passwords for one login within
 * {@code failed-login-window}, that login is refused with 429 (code 10005) until the window ends, even
 * with the right password. Kept in this gateway's memory: simple, no Redis round trip on every login;
 * with several gateway instances each counts its own failures (the limit is per instance).
 */
@Component
public class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

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

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final long windowNanos;

    public LoginThrottle(GatewaySettings settings) {
        this.maxFailures = settings.maxFailedLogins();
        this.windowNanos = settings.failedLoginWindow().toNanos();
    }

    /** Refuses a login that is locked. */
    public void check(String login) {
        Window window = windows.get(key(login));
        if (window == null) {
            return;
        }
        synchronized (window) {
            long elapsed = System.nanoTime() - window.start;
            if (elapsed >= windowNanos) {
                windows.remove(key(login), window);
                return;
            }
            if (window.failures >= maxFailures) {
                long seconds = Math.max(1, (windowNanos - elapsed + 999_999_999L) / 1_000_000_000L);
                throw new Locked(key(login), seconds);
            }
        }
    }

    public void failed(String login) {
        long now = System.nanoTime();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(window -> now - window.start >= windowNanos);
        }
        Window window = windows.compute(key(login),
                (key, old) -> old == null || now - old.start >= windowNanos ? new Window(now) : old);
        synchronized (window) {
            window.failures++;
        }
    }

    public void succeeded(String login) {
        windows.remove(key(login));
    }

    private static String key(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }
}
