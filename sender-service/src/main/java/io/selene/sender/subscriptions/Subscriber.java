package io.selene.sender.subscriptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.selene.commons.bus.EventStream;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open websocket and its own dispatcher: a virtual thread that writes the subscriber's events in
 * bus order, so a slow socket blocks only itself. At most {@code queueSize} events wait for it; one
 * more and the subscriber is closed with {@link #SLOW_SUBSCRIBER} (the events it missed are dropped,
 * never buffered without bound).
 * <p>
 * A subscriber is first sent, by its dispatcher, the matching bus entries after its start position, read
 * from the stream until its end: after the entry of {@code last_event_id} when it reconnected, else after the
 * stream's end at its handshake (so nothing appended while its socket opened is missed). Live events that
 * come meanwhile are not queued (the stream has them: the replay reads them); live events are queued
 * again only when the stream holds nothing after the replay, checked under the lock of {@link #offer}. Every event
 * carries its stream id and the dispatcher skips what is not after the last entry it sent or replayed:
 * in order, none missed, none twice, and a long replay does not fill the queue.
 */
public final class Subscriber {

    /** Close code of a subscriber that fell more than {@code selene.sender.queue-size} events behind. */
    public static final int SLOW_SUBSCRIBER = 4008;
    /** Close code when the service shuts down (1001 Going Away). */
    public static final int GOING_AWAY = 1001;

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final int REPLAY_PAGE = 200;

    private sealed interface Outgoing {
    }

    private record Text(String id, String json) implements Outgoing {
    }

    private record Ping() implements Outgoing {
    }

    private record Close(int code, String reason) implements Outgoing {
    }

    private final Session session;
    private final SubscriptionFilter filter;
    private final int queueSize;
    private final Replay replay;
    /** While true, live events are left to the replay (guarded by this, with the queueing in offer). */
    private boolean replaying;
    /** Stream id of the last entry sent or replayed (only the dispatcher uses it). */
    private String done;
    /** Unbounded type, bounded use: at most queueSize texts (counted), one ping and one close. */
    private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingTexts = new AtomicInteger();
    private final AtomicBoolean pingPending = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * What to send before the live events: the matching bus entries after {@code after} (a stream id: the
     * entry of {@code last_event_id}, or for a new subscriber the stream's end at its handshake).
     */
    record Replay(EventStream stream, JsonMapper json, String after) {
    }

    Subscriber(Session session, SubscriptionFilter filter, int queueSize, Replay replay) {
        this.session = session;
        this.filter = filter;
        this.queueSize = queueSize;
        this.replay = replay;
        this.replaying = replay.after() != null;
    }

    SubscriptionFilter filter() {
        return filter;
    }

    /** Being closed (too slow, shutting down or gone): takes no more events. */
    boolean closing() {
        return closing.get();
    }

    void start() {
        Thread.ofVirtual().name("sender-subscriber-" + session.getId()).start(this::dispatch);
    }

    /** Queues one event; {@code false} when the subscriber was too far behind and is now being closed. */
    synchronized boolean offer(String id, String json) {
        if (replaying) {
            return true; // in the stream: the replay sends it
        }
        if (pendingTexts.incrementAndGet() > queueSize) {
            close(SLOW_SUBSCRIBER, "too slow: more than " + queueSize + " events waiting");
            return false;
        }
        queue.add(new Text(id, json));
        return true;
    }

    void ping() {
        if (!closing.get() && pingPending.compareAndSet(false, true)) {
            queue.add(new Ping());
        }
    }

    /** Drops what is waiting and closes after the frame being written (if any). */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            queue.clear();
            queue.add(new Close(code, reason));
        }
    }

    /** The socket is gone (closed by the client or after an error): stop the dispatcher. */
    void closed() {
        close(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), "");
    }

    /**
     * Sends the matching entries after the replay position until the stream's end; then takes live events
     * again and reads once more what was appended before that.
     */
    private void replay() throws IOException {
        if (replay.after() == null) {
            return;
        }
        done = replay.after();
        while (!closing.get()) {
            catchUp();
            // Live events are taken again only once the stream has nothing after the replay, checked under
            // the lock offer takes: a second replay pass while live events queued up could overflow the
            // queue during a burst and close the subscriber as slow.
            synchronized (this) {
                if (replay.stream().after(done, 1).isEmpty()) {
                    replaying = false;
                    return;
                }
            }
        }
    }

    private void catchUp() throws IOException {
        while (!closing.get()) {
            List<EventStream.Entry> page = replay.stream().after(done, REPLAY_PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (EventStream.Entry entry : page) {
                Optional<BusMessage> message = BusMessage.parse(entry, replay.json());
                if (message.isPresent() && message.get().websocket() && SubscriberRegistry.wants(this, message.get())) {
                    session.getBasicRemote().sendText(replay.json().writeValueAsString(message.get().event()));
                }
                done = entry.id();
            }
        }
    }

    private void dispatch() {
        try {
            replay();
            while (true) {
                Outgoing next = queue.take();
                switch (next) {
                    case Text text -> {
                        pendingTexts.decrementAndGet();
                        if (done == null || EventStream.compare(text.id(), done) > 0) {
                            session.getBasicRemote().sendText(text.json());
                            done = text.id();
                        }
                    }
                    case Ping ignored -> {
                        pingPending.set(false);
                        session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
                    }
                    case Close close -> {
                        if (session.isOpen()) {
                            if (close.code() == SLOW_SUBSCRIBER) {
                                log.warn("closing websocket subscriber {}: {}", session.getId(), close.reason());
                            }
                            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(close.code()),
                                    close.reason()));
                        }
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The socket broke, a write timed out (selene.sender.send-timeout) or the replay could not read
            // the bus: nothing more can reach it in order (the client reconnects with its last event id).
            log.info("websocket subscriber {} lost: {}", session.getId(), e.toString());
            closing.set(true);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "write failed"));
            } catch (IOException | IllegalStateException ignored) {
                // already gone
            }
        }
    }
}
