package io.selene.sender.config;

import io.selene.commons.bus.EventStream;
import io.selene.commons.settings.LiveSettings;
import io.selene.sender.SenderErrors;
import org.apache.tomcat.websocket.server.WsContextListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Settings, the event bus stream, the error catalogue, the scheduler of the pings, and Tomcat's websocket container. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SenderSettings.class)
@EnableScheduling
public class SenderConfiguration {

    /** max-subscribers and queue-size follow the Configurator (SENDER_LIMITS); the ping interval is read at start. */
    @Bean
    LiveSettings<SenderSettings> liveSenderSettings(Environment environment) {
        return new LiveSettings<>(environment, "selene.sender", SenderSettings.class);
    }

    /** The event bus stream handlers append to (read by EventBusReader, replayed to reconnecting subscribers). */
    @Bean
    EventStream eventStream(StringRedisTemplate redis, @Value("${selene.redis.key-prefix}") String prefix) {
        return new EventStream(redis, prefix);
    }

    @Bean
    SenderErrors senderErrors() {
        return new SenderErrors();
    }

    /**
     * Puts Tomcat's Jakarta WebSocket container into the servlet context (Boot registers it only with
     * spring-websocket, which we do without: the handshake is a plain controller that upgrades).
     */
    @Bean
    TomcatContextCustomizer websocketContainer() {
        return context -> context.addApplicationListener(WsContextListener.class.getName());
    }
}
