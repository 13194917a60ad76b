package io.selene.faces.config;

import java.time.Clock;

import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.faces.FacesErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FacesSettings.class)
@EnableScheduling
public class FacesConfiguration {

    @Bean
    FacesErrors facesErrors() {
        return new FacesErrors();
    }

    /** Idempotency-Key of POST /3/faces and /3/lists, in this service's schema (table idempotency_key). */
    @Bean
    IdempotencyKeys idempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, FacesSettings settings) {
        return new IdempotencyKeys(jdbc, json, clock, settings.idempotencyRetention(), FacesErrors.BAD_IDEMPOTENCY_KEY,
                FacesErrors.IDEMPOTENCY_CONFLICT);
    }
}
