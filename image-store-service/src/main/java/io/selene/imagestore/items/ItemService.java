package io.selene.imagestore.items;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

import io.selene.commons.account.AccountContext;
import io.selene.imagestore.ImageStoreErrors;
import io.selene.imagestore.Kind;
import io.selene.imagestore.buckets.BucketService;
import io.selene.imagestore.storage.Blob;
import io.selene.imagestore.storage.BlobMeta;
import io.selene.imagestore.storage.BlobStore;
import io.selene.imagestore.storage.Names;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Images and objects: stored per bucket under their id, owned by the account that stored them.
 *
 * <p>Expiry: an item stored with a TTL gets an expiry marker blob {@code expiry/<epoch millis, 15
 * digits>_<i|o>_<id>} written <em>before</em> the item, so the marker folder, listed in key
 * order, is the sweep's to-do list on both back-ends (no scan of every item, no per-object
 * HeadObject on S3). A marker whose item was replaced (new TTL or none) is dropped without touching
 * the item: the sweep deletes an item only if its own metadata says it has expired. Reads treat an
 * expired item as absent at once, before the sweep runs.
 */
@Service
public class ItemService {

    private static final Logger log = LoggerFactory.getLogger(ItemService.class);
    public static final String EXPIRY_FOLDER = "expiry";
    private static final int SWEEP_PAGE = 500;
    private static final int BULK_PARALLELISM = 16;

    private final BlobStore store;
    private final BucketService buckets;
    private final Clock clock;
    /** Serialises writers of one key in this process: a sweep never deletes an item a PUT is replacing. */
    private final ReentrantLock[] locks = new ReentrantLock[256];

    public ItemService(BlobStore store, BucketService buckets, Clock clock) {
        this.store = store;
        this.buckets = buckets;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** One stored item as the API shows it. */
    public record Stored(String id, BlobMeta meta) {
    }

    /**
     * Stores an item; {@code id == null} generates a UUID. Replacing an existing id is allowed for
     * its owner only (another account's live item: 409, 13012).
     */
    public Stored put(String bucket, Kind kind, String id, UUID account, String contentType, byte[] body, Long ttlSeconds) {
        buckets.require(bucket);
        String itemId = id == null ? UUID.randomUUID().toString() : requireId(id);
        Instant now = clock.instant();
        Instant expiry = ttlSeconds == null ? null : now.plusSeconds(ttlSeconds).truncatedTo(ChronoUnit.SECONDS);
        BlobMeta meta = new BlobMeta(account, contentType, body.length, now, expiry);
        String key = kind.key(itemId);
        ReentrantLock lock = lock(bucket, key);
        lock.lock();
        try {
            if (id != null) {
                Optional<BlobMeta> existing = store.head(bucket, key);
                if (existing.isPresent() && !existing.get().expiredAt(now) && !account.equals(existing.get().accountId())) {
                    throw ImageStoreErrors.ID_TAKEN.exception(itemId, bucket);
                }
            }
            if (expiry != null) {
                store.put(bucket, markerKey(expiry, kind, itemId),
                        new BlobMeta(account, "application/octet-stream", 0, now, expiry), new byte[0]);
            }
            store.put(bucket, key, meta, body);
        } finally {
            lock.unlock();
        }
        return new Stored(itemId, meta);
    }

    /** Metadata of an item the caller may see, else 404. */
    public Stored head(String bucket, Kind kind, String id, AccountContext account) {
        buckets.require(bucket);
        requireId(id);
        BlobMeta meta = store.head(bucket, kind.key(id))
                .filter(found -> visible(found, account))
                .orElseThrow(() -> kind.notFound().exception(id));
        return new Stored(id, meta);
    }

    /** Opens an item the caller may see, else 404. The caller closes the blob. */
    public Blob open(String bucket, Kind kind, String id, AccountContext account) {
        buckets.require(bucket);
        requireId(id);
        Optional<Blob> blob = store.open(bucket, kind.key(id));
        if (blob.isEmpty()) {
            throw kind.notFound().exception(id);
        }
        if (!visible(blob.get().meta(), account)) {
            closeQuietly(blob.get());
            throw kind.notFound().exception(id);
        }
        return blob.get();
    }

    /** Deletes the caller's own item; anything else (absent, expired, another account's) is 404. */
    public void delete(String bucket, Kind kind, String id, UUID account) {
        buckets.require(bucket);
        requireId(id);
        if (!deleteOwned(bucket, kind, id, account)) {
            throw kind.notFound().exception(id);
        }
    }

    /** Deletes those of {@code ids} the caller owns; the others are skipped silently (no existence leak). */
    public int deleteAll(String bucket, Kind kind, List<String> ids, UUID account) {
        buckets.require(bucket);
        ids.forEach(ItemService::requireId);
        // Up to BULK_PARALLELISM ids at a time: on S3 each id costs two round trips.
        List<String> distinct = ids.stream().distinct().toList();
        Semaphore slots = new Semaphore(BULK_PARALLELISM);
        List<Future<Boolean>> results = new ArrayList<>(distinct.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : distinct) {
                results.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return deleteOwned(bucket, kind, id, account);
                    } finally {
                        slots.release();
                    }
                }));
            }
            int deleted = 0;
            for (Future<Boolean> result : results) {
                if (result.get()) {
                    deleted++;
                }
            }
            return deleted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during bulk delete", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private boolean deleteOwned(String bucket, Kind kind, String id, UUID account) {
        String key = kind.key(id);
        ReentrantLock lock = lock(bucket, key);
        lock.lock();
        try {
            Optional<BlobMeta> meta = store.head(bucket, key);
            if (meta.isEmpty() || meta.get().expiredAt(clock.instant()) || !account.equals(meta.get().accountId())) {
                return false;
            }
            return store.delete(bucket, key);
        } finally {
            lock.unlock();
        }
    }

    /** Removes every item whose expiry has passed, in every bucket; returns how many items went. */
    public int sweepExpired() {
        Instant now = clock.instant();
        int removed = 0;
        for (String bucket : store.listBuckets()) {
            removed += sweepBucket(bucket, now);
        }
        return removed;
    }

    private int sweepBucket(String bucket, Instant now) {
        int removed = 0;
        String after = null;
        while (true) {
            List<String> markers = store.list(bucket, EXPIRY_FOLDER, after, SWEEP_PAGE);
            for (String marker : markers) {
                Marker parsed = Marker.parse(marker);
                if (parsed == null) {
                    store.delete(bucket, marker);
                    continue;
                }
                if (parsed.expiry().isAfter(now)) {
                    return removed; // markers are in time order: nothing later is due
                }
                if (sweepOne(bucket, parsed, marker, now)) {
                    removed++;
                }
                after = marker;
            }
            if (markers.size() < SWEEP_PAGE) {
                return removed;
            }
        }
    }

    private boolean sweepOne(String bucket, Marker marker, String markerKey, Instant now) {
        String key = marker.kind().key(marker.id());
        ReentrantLock lock = lock(bucket, key);
        lock.lock();
        try {
            boolean removed = false;
            Optional<BlobMeta> meta = store.head(bucket, key);
            if (meta.isPresent() && meta.get().expiredAt(now)) {
                removed = store.delete(bucket, key);
                log.debug("expired {} {}/{} removed", marker.kind().folder(), bucket, marker.id());
            }
            store.delete(bucket, markerKey);
            return removed;
        } finally {
            lock.unlock();
        }
    }

    private boolean visible(BlobMeta meta, AccountContext account) {
        return !meta.expiredAt(clock.instant()) && meta.accountId() != null && account.canSee(meta.accountId());
    }

    static String requireId(String id) {
        if (!Names.isValidId(id)) {
            throw ImageStoreErrors.BAD_ID.exception(id);
        }
        return id;
    }

    static String markerKey(Instant expiry, Kind kind, String id) {
        return EXPIRY_FOLDER + "/" + String.format("%015d", expiry.toEpochMilli()) + "_" + kind.marker() + "_" + id;
    }

    private ReentrantLock lock(String bucket, String key) {
        return locks[Math.floorMod((bucket + "/" + key).hashCode(), locks.length)];
    }

    private static void closeQuietly(Blob blob) {
        try {
            blob.close();
        } catch (Exception ignored) {
            // only releasing
        }
    }

    /** A parsed expiry marker key. */
    record Marker(Instant expiry, Kind kind, String id) {

        static Marker parse(String key) {
            String name = key.substring(key.indexOf('/') + 1);
            String[] parts = name.split("_", 3);
            if (parts.length != 3 || parts[1].length() != 1 || Kind.ofMarker(parts[1].charAt(0)) == null
                    || !Names.isValidId(parts[2])) {
                return null;
            }
            try {
                return new Marker(Instant.ofEpochMilli(Long.parseLong(parts[0])), Kind.ofMarker(parts[1].charAt(0)), parts[2]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
