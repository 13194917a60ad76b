package io.selene.matcher.faces;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import io.selene.matcher.MatcherErrors;
import org.springframework.stereotype.Component;

/**
 * Reads Faces' feed position ({@code GET /3/lists/changes/position}) for matching requests, at most one
 * read in flight: a request that arrives while a read is on its way joins the next read, which is sent
 * once the current one answers. It never takes the answer of a read sent before it arrived: that read
 * may have missed a write acknowledged just before the request (read your writes). Under load many
 * requests share one read; alone, a request pays one round trip.
 */
@Component
public class FeedPosition {

    private final LongSupplier source;
    private final Object lock = new Object();
    /** The read on its way (null: none). */
    private CompletableFuture<Long> inFlight;
    /** The read to send once {@link #inFlight} answers; requests arriving meanwhile wait for it. */
    private CompletableFuture<Long> next;

    @org.springframework.beans.factory.annotation.Autowired
    public FeedPosition(FacesSource faces) {
        this(faces::position);
    }

    /** Reads positions from {@code source} (tests: a fake Faces). */
    FeedPosition(LongSupplier source) {
        this.source = source;
    }

    /** A position read entirely after this call began; 503 15012 when Faces does not answer within {@code waitMillis}. */
    public long read(long waitMillis) {
        CompletableFuture<Long> mine;
        boolean send;
        synchronized (lock) {
            if (inFlight == null) {
                inFlight = mine = new CompletableFuture<>();
                send = true;
            } else {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                mine = next;
                send = false;
            }
        }
        if (send) {
            send(mine);
        }
        try {
            return mine.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MatcherErrors.INDEX_BEHIND.exception("interrupted while reading the feed position");
        } catch (TimeoutException e) {
            throw MatcherErrors.INDEX_BEHIND.exception("faces-service did not tell the feed position within "
                    + waitMillis + " ms");
        } catch (ExecutionException e) {
            throw MatcherErrors.INDEX_BEHIND.exception("faces-service did not tell the feed position: "
                    + e.getCause().getMessage());
        }
    }

    private void send(CompletableFuture<Long> read) {
        try {
            read.complete(source.getAsLong());
        } catch (RuntimeException e) {
            read.completeExceptionally(e);
        }
        CompletableFuture<Long> following;
        synchronized (lock) {
            following = next;
            next = null;
            inFlight = following;
        }
        if (following != null) {
            // its waiters are blocked in read(); this caller goes back to its own request
            Thread.ofVirtual().name("feed-position").start(() -> send(following));
        }
    }
}
