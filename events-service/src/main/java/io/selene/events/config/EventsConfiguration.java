package io.selene.events.config;

import java.time.Clock;

import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.events.EventsErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsSettings.class)
@EnableScheduling
public class EventsConfiguration {

    @Bean
    EventsErrors eventsErrors() {
        return new EventsErrors();
    }

    /** Idempotency-Key of POST /2/events, in this service's schema (table idempotency_key). */
    @Bean
    IdempotencyKeys idempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, EventsSettings settings) {
        return new IdempotencyKeys(jdbc, json, clock, settings.idempotencyRetention(), EventsErrors.BAD_IDEMPOTENCY_KEY,
                EventsErrors.IDEMPOTENCY_CONFLICT);
    }
}
