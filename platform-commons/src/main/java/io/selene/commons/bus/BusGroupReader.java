package io.selene.commons.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the event bus through one consumer group on one thread: the entries delivered to this
 * consumer before and never acknowledged (a crash) first, then new ones; each batch is handed over in
 * stream order and acknowledged once the handler returned (a handler that throws leaves it pending,
 * to be read again after a restart). A Redis outage is logged once and retried every second; the
 * group is made again if Redis lost it.
 */
public final class BusGroupReader {

    private static final Logger log = LoggerFactory.getLogger(BusGroupReader.class);
    private static final int BATCH = 100;
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final EventStream stream;
    private final String group;
    private final String consumer;
    private final Consumer<List<EventStream.Entry>> handler;
    private volatile boolean running;
    private Thread thread;

    public BusGroupReader(EventStream stream, String group, String consumer, Consumer<List<EventStream.Entry>> handler) {
        this.stream = stream;
        this.group = group;
        this.consumer = consumer;
        this.handler = handler;
    }

    public synchronized void start(String threadName) {
        running = true;
        thread = Thread.ofPlatform().daemon(true).name(threadName).start(this::read);
    }

    /** Stops after the batch being handled (waits for it a little). */
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
                    log.info("event bus {} readable again by group {}", stream.key(), group);
                    failing = false;
                }
                if (pending && entries.isEmpty()) {
                    pending = false;
                    continue;
                }
                handler.accept(entries);
                List<String> handled = new ArrayList<>(entries.size());
                entries.forEach(entry -> handled.add(entry.id()));
                stream.acknowledge(group, handled);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (pending) {
                    // unacknowledged entries of a crash are not worth a stuck bus: go on with the new ones
                    log.warn("event bus {}: pending entries of group {} unreadable, skipped: {}", stream.key(), group,
                            e.toString());
                    pending = false;
                    continue;
                }
                if (!failing) {
                    log.warn("event bus {} unreadable by group {}, retrying every {}: {}", stream.key(), group, RETRY,
                            e.toString());
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
