package io.selene.sender.subscriptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.selene.commons.settings.LiveSettings;
import io.selene.sender.config.SenderSettings;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open subscribers of this instance (in memory: a restart drops them, clients reconnect) and the
 * fan-out of each bus event to those whose filter matches. Slots are reserved before the handshake so
 * the limit is answered with an HTTP refusal, not a socket that closes at once.
 */
@Component
public class SubscriberRegistry {

    private static final Logger log = LoggerFactory.getLogger(SubscriberRegistry.class);

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger slots = new AtomicInteger();
    private final LiveSettings<SenderSettings> settings;
    private final JsonMapper json;
    private final Counter pushed;
    private final Counter slowClosed;
    private final Counter refused;

    public SubscriberRegistry(LiveSettings<SenderSettings> settings, JsonMapper json, MeterRegistry meters) {
        this.settings = settings;
        this.json = json;
        Gauge.builder("selene.sender.subscribers", subscribers, Set::size).register(meters);
        this.pushed = meters.counter("selene.sender.events.pushed");
        this.slowClosed = meters.counter("selene.sender.subscribers.slow_closed");
        this.refused = meters.counter("selene.sender.subscribers.refused");
    }

    /** Takes a slot for a new subscriber; {@code false} at {@code selene.sender.max-subscribers}. */
    boolean reserve() {
        while (true) {
            int taken = slots.get();
            if (taken >= settings.get().maxSubscribers()) {
                refused.increment();
                return false;
            }
            if (slots.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    void release() {
        slots.decrementAndGet();
    }

    void add(Subscriber subscriber) {
        subscribers.add(subscriber);
        subscriber.start();
    }

    /** The subscriber's socket closed: its slot is free again. */
    void remove(Subscriber subscriber) {
        subscriber.closed();
        if (subscribers.remove(subscriber)) {
            release();
        }
    }

    public int size() {
        return subscribers.size();
    }

    /** A filter that fails on an odd event skips that subscriber only, never the ones after it. */
    static boolean wants(Subscriber subscriber, BusMessage message) {
        try {
            return subscriber.filter().matches(message.account(), message.handler(), message.event());
        } catch (RuntimeException e) {
            log.warn("subscriber filter failed on an event of account {}: {}", message.account(), e.toString());
            return false;
        }
    }

    /** Queues one bus event for every matching subscriber (called in bus order, one event at a time). */
    public void publish(BusMessage message) {
        String text = null;
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.closing() && wants(subscriber, message)) {
                if (text == null) {
                    text = json.writeValueAsString(message.event());
                }
                if (subscriber.offer(message.id(), text)) {
                    pushed.increment();
                } else {
                    slowClosed.increment();
                }
            }
        }
    }

    @Scheduled(fixedDelayString = "${selene.sender.ping-interval}", initialDelayString = "${selene.sender.ping-interval}")
    void ping() {
        subscribers.forEach(Subscriber::ping);
    }

    /** Closes every subscriber with 1001 Going Away (on shutdown; clients reconnect). */
    @PreDestroy
    void closeAll() {
        subscribers.forEach(subscriber -> subscriber.close(Subscriber.GOING_AWAY, "sender-service is stopping"));
    }
}
