package io.selene.api.websocket;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code /6/ws} relay under {@code selene.gateway.websocket}.
 *
 * @param handshakeTimeout longest wait for sender-service to accept the relayed handshake
 * @param sendTimeout      longest blocking write of one frame to the client before the relay is closed
 */
@ConfigurationProperties("selene.gateway.websocket")
public record WebsocketSettings(Duration handshakeTimeout, Duration sendTimeout) {

    public WebsocketSettings {
        handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(10) : handshakeTimeout;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(20) : sendTimeout;
    }
}
