package io.selene.events.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of events-service ({@code selene.events.*} in events-service.yml).
 *
 * @param maxBatch             most events in one {@code POST /2/events} (1000)
 * @param idempotencyRetention how long an Idempotency-Key is remembered (24 h)
 * @param descriptorsMaxPage   largest page of the internal descriptor bulk read (10000)
 * @param deleteMaxLimit       most events one {@code DELETE /2/events} removes (10000)
 */
@ConfigurationProperties("selene.events")
public record EventsSettings(int maxBatch, Duration idempotencyRetention, int descriptorsMaxPage,
        int deleteMaxLimit) {
}
