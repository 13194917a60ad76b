package io.selene.sender.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Handler callbacks (webhooks) under {@code selene.sender.webhooks}.
 *
 * @param group             consumer group on the event bus shared by every sender instance (each
 *                          callback delivery is made by one of them)
 * @param consumer          this instance's consumer name in it
 * @param maxAttempts       attempts per event and callback before it is given up (counted as dropped)
 * @param firstRetry        wait before the first retry; doubled after each failed attempt
 * @param maxRetry          longest wait between attempts
 * @param lease             how long a claimed delivery is this instance's before another may take it
 *                          (an instance killed mid-delivery)
 * @param concurrency       deliveries in flight at once per instance
 * @param allowPrivateHosts deliver to loopback, private and link-local addresses (off: a callback URL
 *                          must not reach the platform's own network)
 */
@ConfigurationProperties("selene.sender.webhooks")
public record WebhookSettings(String group, String consumer, int maxAttempts, Duration firstRetry, Duration maxRetry,
        Duration lease, int concurrency, boolean allowPrivateHosts) {

    public WebhookSettings {
        group = group == null || group.isBlank() ? "webhooks" : group;
        consumer = consumer == null || consumer.isBlank() ? "sender" : consumer;
        maxAttempts = maxAttempts < 1 ? 8 : maxAttempts;
        firstRetry = firstRetry == null ? Duration.ofSeconds(2) : firstRetry;
        maxRetry = maxRetry == null ? Duration.ofMinutes(10) : maxRetry;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        concurrency = concurrency < 1 ? 32 : concurrency;
    }

    /** The wait after failed attempt {@code attempt} (1-based): firstRetry, doubled each time, at most maxRetry. */
    Duration backoff(int attempt) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 30));
        return wait.compareTo(maxRetry) > 0 || wait.isNegative() ? maxRetry : wait;
    }
}
