package io.selene.matcher.faces;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.matcher.Vectors;
import io.selene.matcher.candidates.Hits;
import io.selene.matcher.index.DescriptorMatrix;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.index.TopK;
import org.springframework.stereotype.Component;

/**
 * The in-memory index: one off-heap gallery per face list (LUNA's cached matcher works per list
 * too), plus which lists each face is in, so a face's new descriptor or deletion reaches every
 * gallery holding it. Scans take the read lock; feed updates take the write lock briefly.
 */
@Component
public class ListGalleries {

    static final float INT8_SCALE = 254f;

    private final FaceIndexSettings settings;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<UUID, Gallery> lists = new HashMap<>();
    private final Map<UUID, Set<UUID>> listsOfFace = new HashMap<>();

    /** A list's descriptors and its owner. */
    record Gallery(UUID accountId, DescriptorMatrix matrix) {
    }

    public ListGalleries(FaceIndexSettings settings) {
        this.settings = settings;
    }

    public void put(UUID accountId, UUID listId, UUID faceId, float[] descriptor) {
        float[] unit = Vectors.unit(descriptor);
        lock.writeLock().lock();
        try {
            gallery(accountId, listId).matrix().put(faceId, unit);
            listsOfFace.computeIfAbsent(faceId, id -> new HashSet<>()).add(listId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Makes room for {@code rows} faces in a list's gallery (created if needed), e.g. its member count. */
    public void reserve(UUID accountId, UUID listId, int rows) {
        lock.writeLock().lock();
        try {
            gallery(accountId, listId).matrix().reserve(rows);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Like {@link #put} for {@code count} faces of one list under one lock; a descriptor with no
     * direction is left out and reported to {@code refused} (the others are indexed). The
     * descriptors are normalised in place (the caller hands them over; a load makes no copies).
     */
    public void putAll(UUID accountId, UUID listId, UUID[] faceIds, float[][] descriptors, int count,
                       BiConsumer<UUID, IllegalArgumentException> refused) {
        UUID[] ids = new UUID[count];
        float[][] units = new float[count][];
        int n = 0;
        for (int i = 0; i < count; i++) {
            try {
                if (descriptors[i].length != DescriptorVersion.FACE_FP512.dimensions()) {
                    throw new IllegalArgumentException("expected " + DescriptorVersion.FACE_FP512.dimensions()
                            + " values, got " + descriptors[i].length);
                }
                units[n] = Vectors.normalise(descriptors[i]);
                ids[n++] = faceIds[i];
            } catch (IllegalArgumentException e) {
                refused.accept(faceIds[i], e);
            }
        }
        lock.writeLock().lock();
        try {
            gallery(accountId, listId).matrix().putAll(ids, units, n);
            for (int i = 0; i < n; i++) {
                listsOfFace.computeIfAbsent(ids[i], id -> new HashSet<>()).add(listId);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Gallery gallery(UUID accountId, UUID listId) {
        return lists.computeIfAbsent(listId, id -> new Gallery(accountId,
                new DescriptorMatrix(DescriptorVersion.FACE_FP512.dimensions(), INT8_SCALE)));
    }

    public void unlink(UUID listId, UUID faceId) {
        lock.writeLock().lock();
        try {
            Gallery gallery = lists.get(listId);
            if (gallery != null) {
                gallery.matrix().remove(faceId);
            }
            Set<UUID> memberOf = listsOfFace.get(faceId);
            if (memberOf != null) {
                memberOf.remove(listId);
                if (memberOf.isEmpty()) {
                    listsOfFace.remove(faceId);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void removeFace(UUID faceId) {
        lock.writeLock().lock();
        try {
            Set<UUID> memberOf = listsOfFace.remove(faceId);
            if (memberOf != null) {
                for (UUID listId : memberOf) {
                    Gallery gallery = lists.get(listId);
                    if (gallery != null) {
                        gallery.matrix().remove(faceId);
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces a face's descriptor in every list that holds it. */
    public void replaceDescriptor(UUID faceId, float[] descriptor) {
        float[] unit = Vectors.unit(descriptor);
        lock.writeLock().lock();
        try {
            for (UUID listId : listsOfFace.getOrDefault(faceId, Set.of())) {
                lists.get(listId).matrix().put(faceId, unit);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Set<UUID> listsOf(UUID faceId) {
        lock.readLock().lock();
        try {
            return Set.copyOf(listsOfFace.getOrDefault(faceId, Set.of()));
        } finally {
            lock.readLock().unlock();
        }
    }

    public void dropList(UUID listId) {
        lock.writeLock().lock();
        try {
            Gallery gallery = lists.remove(listId);
            if (gallery != null) {
                for (int row = 0; row < gallery.matrix().size(); row++) {
                    Set<UUID> memberOf = listsOfFace.get(gallery.matrix().id(row));
                    if (memberOf != null) {
                        memberOf.remove(listId);
                    }
                }
                gallery.matrix().close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many lists the index holds. */
    public int listCount() {
        lock.readLock().lock();
        try {
            return lists.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Descriptors held over every list (a face in two lists counts twice). */
    public long rows() {
        lock.readLock().lock();
        try {
            long rows = 0;
            for (Gallery gallery : lists.values()) {
                rows += gallery.matrix().size();
            }
            return rows;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size(UUID listId) {
        lock.readLock().lock();
        try {
            Gallery gallery = lists.get(listId);
            return gallery == null ? 0 : gallery.matrix().size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The owner of a list the index holds (a list with members), from the change feed. */
    public Optional<UUID> owner(UUID listId) {
        lock.readLock().lock();
        try {
            Gallery gallery = lists.get(listId);
            return gallery == null ? Optional.empty() : Optional.of(gallery.accountId());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a list of {@code size} faces is scanned over its int8 codes first. */
    boolean quantised(int size) {
        return size >= settings.quantisedFrom();
    }

    /** Whether the list's gallery is large enough for the int8 index (the licence's {@code index} feature). */
    public boolean large(UUID listId) {
        lock.readLock().lock();
        try {
            Gallery gallery = lists.get(listId);
            return gallery != null && quantised(gallery.matrix().size());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Best {@code limit} members of a list per reference with cosine ≥ {@code minCosine}, best first;
     * large lists take the int8 pass with an exact re-rank (the scores are exact either way).
     */
    public Optional<Hits[]> scan(UUID listId, float[][] references, int limit, float minCosine, Scanner scanner) {
        lock.readLock().lock();
        try {
            Gallery gallery = lists.get(listId);
            if (gallery == null || gallery.matrix().size() == 0) {
                return Optional.empty();
            }
            TopK.Hit[][] hits = quantised(gallery.matrix().size())
                    ? scanner.quantised(gallery.matrix(), references, limit, minCosine,
                            Math.max(settings.quantisedCandidates(), 2 * limit))
                    : scanner.exact(gallery.matrix(), references, limit, minCosine);
            Hits[] result = new Hits[references.length];
            for (int q = 0; q < references.length; q++) {
                UUID[] ids = new UUID[hits[q].length];
                float[] cosines = new float[hits[q].length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = gallery.matrix().id(hits[q][i].row());
                    cosines[i] = hits[q][i].score();
                }
                result[q] = new Hits(ids, cosines);
            }
            return Optional.of(result);
        } finally {
            lock.readLock().unlock();
        }
    }

}
