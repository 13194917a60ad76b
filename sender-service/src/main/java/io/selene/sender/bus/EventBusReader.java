package io.selene.sender.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.selene.commons.bus.EventStream;
import io.selene.sender.config.SenderSettings;
import io.selene.sender.subscriptions.BusMessage;
import io.selene.sender.subscriptions.SubscriberRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the event bus stream through this instance's consumer group ({@code selene.sender.bus-group}),
 * one entry at a time on one thread, so the bus order is the order every subscriber sees; an entry is
 * acknowledged once it was queued for every matching subscriber. At start it first takes the entries
 * delivered to it before and never acknowledged (a crash), then the new ones: those appended while it
 * was down come first. A Redis outage is waited out (the group is made again if Redis lost it).
 */
@Component
public class EventBusReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventBusReader.class);
    private static final int BATCH = 100;
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final EventStream stream;
    private final SubscriberRegistry registry;
    private final JsonMapper json;
    private final String group;
    private final String consumer;
    private volatile boolean running;
    private Thread thread;

    public EventBusReader(EventStream stream, SubscriberRegistry registry, JsonMapper json, SenderSettings settings) {
        this.stream = stream;
        this.registry = registry;
        this.json = json;
        this.group = settings.busGroup();
        this.consumer = settings.busConsumer();
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon(true).name("sender-bus").start(this::read);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(BLOCK.multipliedBy(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void read() {
        boolean pending = true;
        boolean failing = false;
        while (running) {
            try {
                if (pending || failing) {
                    stream.ensureGroup(group);
                }
                List<EventStream.Entry> entries = stream.read(group, consumer, pending, BATCH, BLOCK);
                if (failing) {
                    log.info("event bus {} readable again", stream.key());
                    failing = false;
                }
                if (pending && entries.isEmpty()) {
                    pending = false;
                    continue;
                }
                List<String> handled = new ArrayList<>(entries.size());
                for (EventStream.Entry entry : entries) {
                    BusMessage.parse(entry, json).ifPresent(registry::publish);
                    handled.add(entry.id());
                }
                stream.acknowledge(group, handled);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (pending) {
                    // unacknowledged entries of a crash are not worth a stuck bus: go on with the new ones
                    log.warn("event bus {}: pending entries unreadable, skipped: {}", stream.key(), e.toString());
                    pending = false;
                    continue;
                }
                if (!failing) {
                    log.warn("event bus {} unreadable, retrying every {}: {}", stream.key(), RETRY, e.toString());
                    failing = true;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
