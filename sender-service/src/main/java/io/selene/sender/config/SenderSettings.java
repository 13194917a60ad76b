package io.selene.sender.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the websocket fan-out under {@code selene.sender}.
 *
 * @param maxSubscribers most open websockets; further handshakes are refused with 503 (27002)
 * @param queueSize      events waiting for one subscriber; a subscriber that falls further behind is
 *                       closed with {@code Subscriber.SLOW_SUBSCRIBER}
 * @param pingInterval   how often every subscriber gets a ping frame (keeps proxies and NATs from
 *                       dropping idle sockets)
 * @param sendTimeout    longest blocking write of one frame before the socket is given up
 * @param busGroup       this instance's consumer group on the event bus stream: instances that each
 *                       serve their own subscribers need their own group (each reads the whole bus)
 * @param busConsumer    the consumer name in that group (its unacknowledged entries come back to it)
 */
@ConfigurationProperties("selene.sender")
public record SenderSettings(int maxSubscribers, int queueSize, Duration pingInterval, Duration sendTimeout,
        String busGroup, String busConsumer) {

    public SenderSettings {
        if (maxSubscribers < 1 || queueSize < 1) {
            throw new IllegalArgumentException("selene.sender.max-subscribers and queue-size must be at least 1");
        }
        pingInterval = pingInterval == null ? Duration.ofSeconds(30) : pingInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(20) : sendTimeout;
        busGroup = busGroup == null || busGroup.isBlank() ? "sender" : busGroup;
        busConsumer = busConsumer == null || busConsumer.isBlank() ? "sender" : busConsumer;
    }
}
