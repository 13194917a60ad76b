package io.selene.imagestore.items;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.selene.imagestore.buckets.BucketService;
import io.selene.imagestore.storage.BlobStore;
import io.selene.imagestore.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background sweep, every {@code selene.image-store.sweep-interval}: retries the default
 * buckets if the back-end was down at start-up, lets the back-end tidy up (temp files of
 * interrupted writes), then removes expired images and objects. Its own thread, so it works the
 * same whether or not the hosting JVM enables Spring scheduling.
 */
@Component
public class ExpirySweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final ItemService items;
    private final BucketService buckets;
    private final BlobStore store;
    private final StorageSettings properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public ExpirySweeper(ItemService items, BucketService buckets, BlobStore store, StorageSettings properties,
            Clock clock) {
        this.items = items;
        this.buckets = buckets;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        buckets.ensureDefaultBuckets();
    }

    /** One pass; returns how many expired items were removed. */
    public synchronized int runOnce() {
        buckets.ensureDefaultBuckets();
        store.maintain(clock.instant());
        return items.sweepExpired();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "image-store-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, properties.sweepInterval().toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                int removed = runOnce();
                if (removed > 0) {
                    log.info("expiry sweep removed {} images/objects", removed);
                }
            } catch (RuntimeException e) {
                log.warn("expiry sweep failed; will retry", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
