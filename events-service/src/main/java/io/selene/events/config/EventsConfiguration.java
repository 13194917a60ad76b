package io.selene.events.config;

import io.selene.events.EventsErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsSettings.class)
@EnableScheduling
public class EventsConfiguration {

    @Bean
    EventsErrors eventsErrors() {
        return new EventsErrors();
    }
}
