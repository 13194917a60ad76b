package io.selene.api.websocket;

import org.apache.tomcat.websocket.server.WsContextListener;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay's settings and Tomcat's Jakarta WebSocket container (no spring-websocket: the relay upgrades itself). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebsocketSettings.class)
public class WebsocketConfiguration {

    @Bean
    TomcatContextCustomizer websocketContainer() {
        return context -> context.addApplicationListener(WsContextListener.class.getName());
    }
}
