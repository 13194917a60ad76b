package io.selene.sender.webhooks;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.selene.commons.bus.EventStream;
import io.selene.commons.bus.WebhookStates;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Handler callbacks: their durable deliveries, their states and the deliverer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
public class WebhookConfiguration {

    @Bean
    WebhookDeliverer webhookDeliverer(EventStream stream, StringRedisTemplate redis, WebhookSettings settings,
            JsonMapper json, Clock clock, MeterRegistry meters, @Value("${selene.redis.key-prefix}") String prefix) {
        return new WebhookDeliverer(stream, new WebhookJobs(redis, json, prefix), new WebhookStates(redis, prefix),
                settings, json, clock, meters);
    }
}
