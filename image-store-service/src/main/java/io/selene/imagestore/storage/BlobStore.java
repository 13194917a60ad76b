package io.selene.imagestore.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The storage back-end behind Image Store: buckets of blobs addressed by key, each blob stored
 * with its {@link BlobMeta}. Keys are {@code <folder>/<name>} with both parts already validated by
 * {@link Names} (no separators, no dots), so a key never leaves its bucket.
 *
 * <p>Contract: {@link #put} returns only once the blob and its metadata are durably stored, and a
 * reader sees either the previous blob or the new one, never a partial one. Implementations:
 * {@link LocalDiskBlobStore} and {@link S3BlobStore}, chosen by {@code selene.image-store.backend}.
 */
public interface BlobStore {

    /** {@code local} or {@code s3}. */
    String backend();

    /** Creates the bucket; {@code false} when it already existed. */
    boolean createBucket(String bucket);

    boolean bucketExists(String bucket);

    /** Bucket names in alphabetical order. */
    List<String> listBuckets();

    /** Deletes the bucket and any blob left in it; {@code false} when there was none. */
    boolean deleteBucket(String bucket);

    void put(String bucket, String key, BlobMeta meta, byte[] content);

    Optional<BlobMeta> head(String bucket, String key);

    /** Opens the blob for reading; the caller closes it. */
    Optional<Blob> open(String bucket, String key);

    /** {@code true} when a blob was deleted. */
    boolean delete(String bucket, String key);

    /** Up to {@code limit} keys under {@code folder + "/"}, in ascending order, after {@code startAfter} (a key, or null). */
    List<String> list(String bucket, String folder, String startAfter, int limit);

    /** Periodic housekeeping of the back-end itself (e.g. removing temp files left by a crash). */
    default void maintain(Instant now) {
    }
}
