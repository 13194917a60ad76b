package io.selene.handlers.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The event bus under {@code selene.handlers.event-bus}.
 *
 * @param backlog entries the bus stream keeps (about: trimmed with {@code MAXLEN ~}); a websocket
 *                subscriber that reconnects can be sent what it missed only within them
 */
@ConfigurationProperties("selene.handlers.event-bus")
public record EventBusSettings(long backlog) {

    public EventBusSettings {
        if (backlog < 1) {
            throw new IllegalArgumentException("selene.handlers.event-bus.backlog must be at least 1");
        }
    }
}
