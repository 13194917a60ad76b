package io.selene.matcher.faces;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.matcher.Vectors;
import io.selene.matcher.candidates.Hits;
import io.selene.matcher.index.DescriptorMatrix;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.index.TopK;
import org.springframework.stereotype.Component;

/**
 * Whole-account face galleries: every version-201 descriptor of an account's faces, for blocks with no
 * filter but the origin (which otherwise stream the account's faces from Faces on every request). An
 * account's gallery is made on its first whole-account match and kept in sync from the change feed by
 * {@link IndexSynchroniser}; until it is {@link #ready} such blocks are still streamed. All galleries
 * together hold at most {@code account-index-memory} bytes of descriptors: an account that would pass
 * the bound is dropped and refused for a while (its blocks stream, as before).
 */
@Component
public class AccountGalleries {

    /** How long an account refused for memory is not loaded again. */
    static final long REFUSED_NANOS = 10L * 60 * 1_000_000_000L;

    private final FaceIndexSettings settings;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<UUID, Gallery> accounts = new HashMap<>();
    private final Map<UUID, Long> refusedAt = new HashMap<>();
    private long rows;

    /** An account's descriptors; {@code from} is the feed key the load started at. */
    private static final class Gallery {
        final DescriptorMatrix matrix = new DescriptorMatrix(DescriptorVersion.FACE_FP512.dimensions(),
                ListGalleries.INT8_SCALE);
        final long from;
        volatile boolean ready;

        Gallery(long from) {
            this.from = from;
        }
    }

    public AccountGalleries(FaceIndexSettings settings) {
        this.settings = settings;
    }

    private long maxRows() {
        return settings.accountIndexMemory().toBytes()
                / (DescriptorVersion.FACE_FP512.dimensions() * (Float.BYTES + 1L));
    }

    /**
     * Starts a gallery for an account (empty, not ready) at feed key {@code from}; false when it is
     * held already or was refused for memory recently.
     */
    boolean start(UUID accountId, long from) {
        lock.writeLock().lock();
        try {
            if (accounts.containsKey(accountId) || maxRows() == 0) {
                return false;
            }
            Long refused = refusedAt.get(accountId);
            if (refused != null && System.nanoTime() - refused < REFUSED_NANOS) {
                return false;
            }
            refusedAt.remove(accountId);
            accounts.put(accountId, new Gallery(from));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The feed key a held gallery's load started at. */
    Optional<Long> from(UUID accountId) {
        lock.readLock().lock();
        try {
            Gallery gallery = accounts.get(accountId);
            return gallery == null ? Optional.empty() : Optional.of(gallery.from);
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean held(UUID accountId) {
        lock.readLock().lock();
        try {
            return accounts.containsKey(accountId);
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean ready(UUID accountId) {
        lock.readLock().lock();
        try {
            Gallery gallery = accounts.get(accountId);
            return gallery != null && gallery.ready;
        } finally {
            lock.readLock().unlock();
        }
    }

    void markReady(UUID accountId) {
        lock.readLock().lock();
        try {
            Gallery gallery = accounts.get(accountId);
            if (gallery != null) {
                gallery.ready = true;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds or replaces descriptors of a held gallery (normalised in place); false, and the gallery
     * dropped and refused, when the galleries would pass their memory bound. An account not held is
     * left alone (true).
     */
    boolean putAll(UUID accountId, UUID[] faceIds, float[][] descriptors, int count) {
        int n = 0;
        UUID[] ids = new UUID[count];
        float[][] units = new float[count][];
        for (int i = 0; i < count; i++) {
            if (descriptors[i].length == DescriptorVersion.FACE_FP512.dimensions()) {
                try {
                    units[n] = Vectors.normalise(descriptors[i]);
                    ids[n++] = faceIds[i];
                } catch (IllegalArgumentException noDirection) {
                    // a zero descriptor matches nothing; lists leave it out too
                }
            }
        }
        lock.writeLock().lock();
        try {
            Gallery gallery = accounts.get(accountId);
            if (gallery == null) {
                return true;
            }
            int before = gallery.matrix.size();
            if (rows + n > maxRows()) {
                dropLocked(accountId);
                refusedAt.put(accountId, System.nanoTime());
                return false;
            }
            gallery.matrix.putAll(ids, units, n);
            rows += gallery.matrix.size() - before;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a face from its account's gallery, or from every gallery when the account is not named. */
    void remove(UUID accountId, UUID faceId) {
        lock.writeLock().lock();
        try {
            if (accountId != null && accounts.containsKey(accountId)) {
                removeLocked(accountId, accounts.get(accountId), faceId);
            } else {
                // an erasure's tombstones name no account
                for (Map.Entry<UUID, Gallery> held : Map.copyOf(accounts).entrySet()) {
                    removeLocked(held.getKey(), held.getValue(), faceId);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void removeLocked(UUID accountId, Gallery gallery, UUID faceId) {
        if (gallery.matrix.remove(faceId)) {
            rows--;
            if (gallery.matrix.size() == 0) {
                // an emptied gallery (an erased account) gives its memory back; a new match loads it again
                dropLocked(accountId);
            }
        }
    }

    void drop(UUID accountId) {
        lock.writeLock().lock();
        try {
            dropLocked(accountId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void dropLocked(UUID accountId) {
        Gallery gallery = accounts.remove(accountId);
        if (gallery != null) {
            rows -= gallery.matrix.size();
            gallery.matrix.close();
        }
    }

    public int accountCount() {
        lock.readLock().lock();
        try {
            return accounts.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public long rows() {
        lock.readLock().lock();
        try {
            return rows;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Rows of an account's gallery (0 when not held). */
    public int size(UUID accountId) {
        lock.readLock().lock();
        try {
            Gallery gallery = accounts.get(accountId);
            return gallery == null ? 0 : gallery.matrix.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Best {@code limit} faces of a ready account gallery per reference, best first; empty when the
     * gallery is not ready. Large galleries take the int8 pass with an exact re-rank when
     * {@code quantisedAllowed} (the licence's index), else the exact scan; the scores are exact either way.
     */
    public Optional<Hits[]> scan(UUID accountId, float[][] references, int limit, float minCosine, Scanner scanner,
            boolean quantisedAllowed) {
        lock.readLock().lock();
        try {
            Gallery gallery = accounts.get(accountId);
            if (gallery == null || !gallery.ready) {
                return Optional.empty();
            }
            Hits[] result = new Hits[references.length];
            if (gallery.matrix.size() == 0) {
                java.util.Arrays.fill(result, Hits.NONE);
                return Optional.of(result);
            }
            TopK.Hit[][] hits = quantisedAllowed && gallery.matrix.size() >= settings.quantisedFrom()
                    ? scanner.quantised(gallery.matrix, references, limit, minCosine,
                            Math.max(settings.quantisedCandidates(), 2 * limit))
                    : scanner.exact(gallery.matrix, references, limit, minCosine);
            for (int q = 0; q < references.length; q++) {
                UUID[] ids = new UUID[hits[q].length];
                float[] cosines = new float[hits[q].length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = gallery.matrix.id(hits[q][i].row());
                    cosines[i] = hits[q][i].score();
                }
                result[q] = new Hits(ids, cosines);
            }
            return Optional.of(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether an account's gallery is large enough for the int8 scan. */
    public boolean large(UUID accountId) {
        return size(accountId) >= settings.quantisedFrom();
    }
}
