package io.selene.testsupport;

import java.util.function.Consumer;

import io.selene.commons.bus.EventStream;

/**
 * Follows the event bus stream from its current end, as a reader that joins now: each message appended
 * after {@link #follow} is handed to the consumer, one at a time in stream order, on one virtual thread
 * (polling every 50 ms) until {@link #close}.
 */
public final class BusTail implements AutoCloseable {

    private volatile boolean open = true;

    private BusTail() {
    }

    public static BusTail follow(EventStream stream, Consumer<String> onMessage) {
        BusTail tail = new BusTail();
        String from = stream.last();
        Thread.ofVirtual().name("bus-tail").start(() -> {
            String after = from;
            while (tail.open) {
                for (EventStream.Entry entry : stream.after(after, 100)) {
                    onMessage.accept(entry.message());
                    after = entry.id();
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return tail;
    }

    @Override
    public void close() {
        open = false;
    }
}
