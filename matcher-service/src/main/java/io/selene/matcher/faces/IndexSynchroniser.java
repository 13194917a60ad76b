package io.selene.matcher.faces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.selene.commons.error.LunaException;
import io.selene.commons.health.HealthCheck;
import io.selene.matcher.shards.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the face-list index from faces-service and keeps it in sync from the change feed.
 *
 * <p>Start-up: replay the feed from key 0 to learn every list's members and owner, then bulk-read
 * each list's descriptors, then follow the feed after the last replayed key. Changes that
 * happened during the bulk read are applied again afterwards; the feed's changes are idempotent
 * (attach of a member, removal of a removed face), so nothing is lost or doubled. Until the first
 * load completes {@code /healthcheck} reports the index as loading and matching requests wait.
 *
 * <p>Read your writes: a match that reads Faces' feed position P waits in {@link #awaitPosition} until
 * the index has applied every change up to P; a waiter wakes the follower at once rather than at the
 * next poll, and one follow serves every waiter.
 *
 * <p>Whole-account galleries ({@link AccountGalleries}) are loaded on demand: the follower starts an
 * account's gallery at its current key K (so every later change of the account reaches it), a loader
 * bulk-reads the account's descriptors meanwhile, then the follower replays the account's changes
 * after K over them, in order and with current descriptors, before the gallery is used: whatever the
 * bulk read and the live changes interleaved, the gallery then equals the account's faces.
 */
@Component
public class IndexSynchroniser implements SmartLifecycle, HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(IndexSynchroniser.class);
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final FacesSource faces;
    private final ListGalleries galleries;
    private final AccountGalleries accounts;
    private final FaceIndexSettings settings;
    private final Clock clock;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread worker;
    private volatile long lastKey;
    private volatile Instant lastSync;
    private volatile String lastError = "not started";
    /** Released to make the follower read the feed now (a match waits for a position). */
    private final Semaphore wake = new Semaphore(0);
    private final ReentrantLock appliedLock = new ReentrantLock();
    private final Condition applied = appliedLock.newCondition();
    /** Accounts a whole-account match asked a gallery for; started by the follower. */
    private final Set<UUID> wantedAccounts = ConcurrentHashMap.newKeySet();
    /** Accounts whose bulk read finished; caught up and made ready by the follower. */
    private final ConcurrentLinkedQueue<UUID> bulkReadAccounts = new ConcurrentLinkedQueue<>();

    private final Shards shards;

    public IndexSynchroniser(FacesSource faces, ListGalleries galleries, AccountGalleries accounts,
            FaceIndexSettings settings, Clock clock, Shards shards) {
        this.shards = shards;
        this.faces = faces;
        this.galleries = galleries;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        running = true;
        worker = Thread.ofVirtual().name("face-index-sync").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Waits for the first load; false when it did not finish within the configured time. */
    public boolean awaitLoaded() {
        try {
            return loaded.await(settings.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public long lastKey() {
        return lastKey;
    }

    /**
     * Waits until the index has applied the feed up to {@code position}, at most until
     * {@code deadlineNanos} ({@link System#nanoTime}); false past it.
     */
    public boolean awaitPosition(long position, long deadlineNanos) {
        if (lastKey >= position) {
            return true;
        }
        wake.release();
        appliedLock.lock();
        try {
            while (lastKey < position) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                applied.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            appliedLock.unlock();
        }
    }

    /** Asks for a whole-account gallery of {@code accountId} (loaded in the background; see the class). */
    public void wantAccount(UUID accountId) {
        if (settings.enabled() && shards.ownsAccount(accountId) && !accounts.held(accountId)
                && wantedAccounts.add(accountId)) {
            wake.release();
        }
    }

    @Override
    public String name() {
        return "face-index";
    }

    @Override
    public void check() {
        if (!settings.enabled()) {
            return;
        }
        if (loaded.getCount() > 0) {
            throw new IllegalStateException("face index is loading from faces-service (" + lastError + ")");
        }
        Instant synced = lastSync;
        if (synced != null && Duration.between(synced, clock.instant()).compareTo(STALE_AFTER) > 0) {
            throw new IllegalStateException("face index not synced for " + Duration.between(synced, clock.instant())
                    .toSeconds() + " s (" + lastError + ")");
        }
    }

    private void run() {
        Duration backoff = settings.pollInterval();
        while (running) {
            try {
                if (loaded.getCount() > 0) {
                    loadSnapshot();
                    loaded.countDown();
                    log.info("face index loaded up to change {}", lastKey);
                } else {
                    follow();
                }
                startAccounts();
                finishAccounts();
                lastSync = clock.instant();
                lastError = "ok";
                backoff = settings.pollInterval();
                if (wake.tryAcquire(settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                    wake.drainPermits(); // one follow serves every waiter so far
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.warn("face index sync failed: {}", lastError);
                backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(5));
                sleepQuietly(backoff);
            }
        }
    }

    private void loadSnapshot() {
        long started = System.nanoTime();
        Map<UUID, Set<UUID>> members = new HashMap<>();
        Map<UUID, UUID> owners = new HashMap<>();
        long key = 0;
        long changes = 0;
        FacesSource.ChangePage page;
        do {
            page = faces.changesAfter(key);
            for (FacesSource.Change change : page.changes()) {
                if (!change.action().equals("link") || shards.ownsList(change.listId())) {
                    replay(change, members, owners); // sharded: only this instance's lists are held
                }
            }
            changes += page.changes().size();
            key = page.lastKey();
        } while (page.hasMore());
        long replayed = System.nanoTime();
        long indexed = 0;
        for (Map.Entry<UUID, Set<UUID>> list : members.entrySet()) {
            if (!list.getValue().isEmpty()) {
                indexed += loadList(list.getKey(), owners.get(list.getKey()), list.getValue());
            }
        }
        long read = System.nanoTime();
        lastKey = key;
        follow();
        log.info("face index snapshot: replayed {} changes in {} ms, bulk-read {} faces of {} lists in {} ms, "
                        + "followed the feed in {} ms", changes, (replayed - started) / 1_000_000, indexed,
                members.size(), (read - replayed) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
    }

    private static final int BATCH = 1024;

    /**
     * Bulk-reads one list into its gallery, sized for its members first (no doubling and copying of
     * the off-heap matrix) and written in batches (one lock and whole blocks at a time). Returns the
     * faces indexed.
     */
    private long loadList(UUID listId, UUID owner, Set<UUID> members) {
        UUID[] faceIds = new UUID[BATCH];
        float[][] descriptors = new float[BATCH][];
        int[] filled = {0};
        long[] written = {0};
        boolean[] reserved = {false};
        Runnable flush = () -> {
            if (filled[0] == 0) {
                return;
            }
            if (!reserved[0]) {
                // only once the list has a descriptor: a list without any is not indexed at all
                galleries.reserve(owner, listId, members.size());
                reserved[0] = true;
            }
            galleries.putAll(owner, listId, faceIds, descriptors, filled[0], (face, refused) ->
                    log.warn("face {} of list {} not indexed: {}", face, listId, refused.getMessage()));
            written[0] += filled[0];
            filled[0] = 0;
        };
        faces.listDescriptors(listId, descriptor -> {
            if (members.contains(descriptor.faceId())) {
                faceIds[filled[0]] = descriptor.faceId();
                descriptors[filled[0]++] = descriptor.values();
                if (filled[0] == BATCH) {
                    flush.run();
                }
            }
        });
        flush.run();
        return written[0];
    }

    private static void replay(FacesSource.Change change, Map<UUID, Set<UUID>> members, Map<UUID, UUID> owners) {
        switch (change.action()) {
            case "link" -> {
                members.computeIfAbsent(change.listId(), id -> new HashSet<>()).add(change.faceId());
                owners.put(change.listId(), change.accountId());
            }
            case "unlink" -> members.getOrDefault(change.listId(), new HashSet<>()).remove(change.faceId());
            case "face_delete" -> {
                if (change.listId() != null) {
                    members.getOrDefault(change.listId(), new HashSet<>()).remove(change.faceId());
                } else {
                    members.values().forEach(set -> set.remove(change.faceId()));
                }
            }
            case "list_delete" -> {
                members.remove(change.listId());
                owners.remove(change.listId());
            }
            default -> {
                // face_attributes: the bulk read returns the current descriptors anyway
            }
        }
    }

    /** Applies every change after {@link #lastKey}, page by page. */
    private void follow() {
        FacesSource.ChangePage page;
        do {
            page = faces.changesAfter(lastKey);
            // One bulk read for the page's links, not one call per face: another writer (a linker task)
            // may link tens of thousands of faces at once, and the index must keep up.
            Set<UUID> linked = new HashSet<>();
            for (FacesSource.Change change : page.changes()) {
                boolean needed = change.action().equals("link") ? shards.ownsList(change.listId())
                        : accountDescriptorChange(change);
                if (needed) {
                    linked.add(change.faceId());
                }
            }
            Map<UUID, float[]> descriptors = linked.isEmpty() ? Map.of() : faces.faceDescriptors(linked);
            for (FacesSource.Change change : page.changes()) {
                apply(change, descriptors);
                applyToAccount(change, descriptors);
            }
            appliedLock.lock();
            try {
                lastKey = page.lastKey();
                applied.signalAll();
            } finally {
                appliedLock.unlock();
            }
            // A long backlog (another writer linked thousands of faces) is progress, not staleness.
            lastSync = clock.instant();
        } while (page.hasMore());
    }

    private void apply(FacesSource.Change change, Map<UUID, float[]> linkedDescriptors) {
        switch (change.action()) {
            case "link" -> {
                float[] descriptor = linkedDescriptors.get(change.faceId());
                if (descriptor != null && shards.ownsList(change.listId())) {
                    put(change.accountId(), change.listId(), change.faceId(), descriptor);
                }
            }
            case "unlink" -> galleries.unlink(change.listId(), change.faceId());
            case "face_delete" -> galleries.removeFace(change.faceId());
            case "list_delete" -> {
                if (change.listId() != null) {
                    galleries.dropList(change.listId());
                }
            }
            case "face_attributes" -> {
                // Written once per list and once without; the list-less one carries the update.
                if (change.listId() == null && !galleries.listsOf(change.faceId()).isEmpty()) {
                    Optional<float[]> descriptor = descriptorOf(change.faceId());
                    if (descriptor.isPresent()) {
                        galleries.replaceDescriptor(change.faceId(), descriptor.get());
                    } else {
                        galleries.removeFace(change.faceId());
                    }
                }
            }
            default -> log.debug("ignoring change {} of kind {}", change.key(), change.action());
        }
    }

    /** A face's list-less descriptor change (its create with a descriptor, or new attributes) of a held account. */
    private boolean accountDescriptorChange(FacesSource.Change change) {
        return change.action().equals("face_attributes") && change.listId() == null
                && accounts.held(change.accountId());
    }

    /** Applies a change to the whole-account galleries: list-less changes carry the face's own events. */
    private void applyToAccount(FacesSource.Change change, Map<UUID, float[]> descriptors) {
        if (change.listId() != null || change.faceId() == null) {
            return;
        }
        switch (change.action()) {
            case "face_attributes" -> {
                if (accounts.held(change.accountId())) {
                    float[] descriptor = descriptors.get(change.faceId());
                    if (descriptor != null) {
                        accounts.putAll(change.accountId(), new UUID[] {change.faceId()}, new float[][] {descriptor}, 1);
                    } else {
                        accounts.remove(change.accountId(), change.faceId()); // no version-201 descriptor now
                    }
                }
            }
            // an erasure's tombstones carry the nil account: the face is looked for in every gallery
            case "face_delete" -> accounts.remove(change.accountId(), change.faceId());
            default -> {
                // links and unlinks do not change an account's faces
            }
        }
    }

    /** Starts the galleries asked for, each at the current key, with a loader bulk-reading the account. */
    private void startAccounts() {
        for (UUID account : List.copyOf(wantedAccounts)) {
            wantedAccounts.remove(account);
            if (accounts.start(account, lastKey)) {
                Thread.ofVirtual().name("account-gallery-load").start(() -> loadAccount(account));
            }
        }
    }

    /** The loader: bulk-reads an account's descriptors into its (not yet ready) gallery. */
    private void loadAccount(UUID account) {
        long started = System.nanoTime();
        UUID[] ids = new UUID[BATCH];
        float[][] values = new float[BATCH][];
        int[] filled = {0};
        RuntimeException overBound = new IllegalStateException("over the account index memory");
        try {
            faces.accountDescriptors(account, descriptor -> {
                ids[filled[0]] = descriptor.faceId();
                values[filled[0]++] = descriptor.values();
                if (filled[0] == BATCH) {
                    if (!accounts.putAll(account, ids, values, filled[0])) {
                        throw overBound;
                    }
                    filled[0] = 0;
                }
            });
            if (!accounts.putAll(account, ids, values, filled[0])) {
                throw overBound;
            }
            log.info("account {} gallery: bulk-read {} faces in {} ms", account, accounts.size(account),
                    (System.nanoTime() - started) / 1_000_000);
            bulkReadAccounts.add(account);
            wake.release();
        } catch (RuntimeException e) {
            accounts.drop(account);
            log.warn("account {} gallery not loaded (its whole-account matches stream): {}", account,
                    e == overBound ? "it would pass SELENE_MATCHER_ACCOUNT_INDEX_MEMORY" : e.getMessage());
        }
    }

    /** Replays each bulk-read account's changes since its start over its gallery, then lets matches use it. */
    private void finishAccounts() {
        UUID account;
        while ((account = bulkReadAccounts.poll()) != null) {
            Optional<Long> from = accounts.from(account);
            if (from.isEmpty()) {
                continue; // dropped meanwhile
            }
            try {
                catchUp(account, from.get());
            } catch (RuntimeException e) {
                bulkReadAccounts.add(account); // tried again after the back-off
                throw e;
            }
            accounts.markReady(account);
            log.info("account {} gallery ready: {} faces", account, accounts.size(account));
        }
    }

    private void catchUp(UUID account, long from) {
        long key = from;
        FacesSource.ChangePage page;
        do {
            page = faces.changesAfter(key, account);
            Set<UUID> changed = new HashSet<>();
            for (FacesSource.Change change : page.changes()) {
                if (change.action().equals("face_attributes") && change.listId() == null) {
                    changed.add(change.faceId());
                }
            }
            Map<UUID, float[]> descriptors = changed.isEmpty() ? Map.of() : faces.faceDescriptors(changed);
            for (FacesSource.Change change : page.changes()) {
                applyToAccount(change, descriptors);
            }
            key = page.lastKey();
        } while (page.hasMore());
    }

    private Optional<float[]> descriptorOf(UUID faceId) {
        try {
            return faces.faceDescriptor(faceId, true);
        } catch (LunaException e) {
            if (e.status().value() == 404) {
                return Optional.empty(); // deleted since; its face_delete change follows
            }
            throw e;
        }
    }

    private void put(UUID account, UUID list, UUID face, float[] descriptor) {
        try {
            galleries.put(account, list, face, descriptor);
        } catch (IllegalArgumentException e) {
            log.warn("face {} of list {} not indexed: {}", face, list, e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
