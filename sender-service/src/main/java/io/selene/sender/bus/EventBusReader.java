package io.selene.sender.bus;

import io.selene.commons.bus.BusGroupReader;
import io.selene.commons.bus.EventStream;
import io.selene.sender.config.SenderSettings;
import io.selene.sender.subscriptions.BusMessage;
import io.selene.sender.subscriptions.SubscriberRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the websocket subscribers from the event bus stream through this instance's consumer group
 * ({@code selene.sender.bus-group}), one entry at a time on one thread, so the bus order is the order
 * every subscriber sees; an entry is acknowledged once it was queued for every matching subscriber.
 * What was appended while sender was down is read when it is back ({@link BusGroupReader}).
 */
@Component
public class EventBusReader implements SmartLifecycle {

    private final BusGroupReader reader;

    public EventBusReader(EventStream stream, SubscriberRegistry registry, JsonMapper json, SenderSettings settings) {
        this.reader = new BusGroupReader(stream, settings.busGroup(), settings.busConsumer(),
                entries -> entries.forEach(entry -> BusMessage.parse(entry, json)
                        .filter(BusMessage::websocket).ifPresent(registry::publish)));
    }

    @Override
    public void start() {
        reader.start("sender-bus");
    }

    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }
}
