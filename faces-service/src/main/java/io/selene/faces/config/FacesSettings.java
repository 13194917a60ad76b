package io.selene.faces.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of faces-service ({@code selene.faces.*} in faces-service.yml).
 *
 * @param attributeDefaultTtl  lifetime of a temporary attribute created without {@code ttl} (300 s)
 * @param attributeMaxTtl      largest {@code ttl} accepted (86400 s)
 * @param idempotencyRetention how long an Idempotency-Key is remembered (24 h)
 * @param descriptorsMaxPage   largest page of the internal descriptor bulk read
 */
@ConfigurationProperties("selene.faces")
public record FacesSettings(Duration attributeDefaultTtl, Duration attributeMaxTtl, Duration idempotencyRetention,
        int descriptorsMaxPage) {
}
