package io.selene.imagestore.buckets;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.selene.imagestore.ImageStoreErrors;
import io.selene.imagestore.Kind;
import io.selene.imagestore.storage.BlobMeta;
import io.selene.imagestore.storage.BlobStore;
import io.selene.imagestore.storage.Names;
import io.selene.imagestore.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Buckets are shared namespaces (not owned by an account); what is in them is. Known buckets are
 * cached so an S3 back-end is not asked HeadBucket on every request.
 */
@Service
public class BucketService {

    private static final Logger log = LoggerFactory.getLogger(BucketService.class);

    private final BlobStore store;
    private final StorageSettings properties;
    private final int maxNameLength;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile boolean defaultsCreated;

    public BucketService(BlobStore store, StorageSettings properties) {
        this.store = store;
        this.properties = properties;
        // The S3 back-end prefixes bucket names; the whole name must stay within S3's 63 characters.
        this.maxNameLength = "s3".equals(store.backend()) ? 63 - properties.s3().bucketPrefix().length() : 63;
    }

    /** Creates the default buckets; {@code true} once they all exist. Retried by the sweeper if the back-end was down. */
    public boolean ensureDefaultBuckets() {
        if (defaultsCreated) {
            return true;
        }
        try {
            for (String bucket : properties.defaultBuckets()) {
                validName(bucket);
                if (store.createBucket(bucket)) {
                    log.info("created default bucket '{}' ({} back-end)", bucket, store.backend());
                }
                known.add(bucket);
            }
            defaultsCreated = true;
        } catch (RuntimeException e) {
            log.warn("could not create the default buckets yet ({}); will retry", e.getMessage());
        }
        return defaultsCreated;
    }

    public boolean create(String bucket) {
        validName(bucket);
        boolean created = store.createBucket(bucket);
        known.add(bucket);
        return created;
    }

    public List<String> list() {
        return store.listBuckets();
    }

    /** What a bucket holds: images and objects with their total bytes, over at most {@code maxKeys} keys. */
    public record Usage(String bucket, long images, long objects, long bytes, boolean complete) {
    }

    /**
     * Counts a bucket's images and objects and adds up their sizes (each key's metadata is read, so the walk
     * stops after {@code maxKeys} keys and says it is incomplete).
     */
    public Usage usage(String bucket, int maxKeys) {
        require(bucket);
        long[] counts = new long[Kind.values().length];
        long bytes = 0;
        int seen = 0;
        for (Kind kind : Kind.values()) {
            String after = null;
            while (seen < maxKeys) {
                List<String> keys = store.list(bucket, kind.folder(), after, Math.min(500, maxKeys - seen));
                if (keys.isEmpty()) {
                    break;
                }
                for (String key : keys) {
                    Optional<BlobMeta> meta = store.head(bucket, key);
                    if (meta.isPresent()) {
                        counts[kind.ordinal()]++;
                        bytes += meta.get().size();
                    }
                }
                seen += keys.size();
                after = keys.getLast();
            }
        }
        return new Usage(bucket, counts[Kind.IMAGE.ordinal()], counts[Kind.OBJECT.ordinal()], bytes, seen < maxKeys);
    }

    /** Deletes an empty bucket (only expiry markers may remain); a bucket holding images or objects is refused. */
    public void delete(String bucket) {
        require(bucket);
        for (Kind kind : Kind.values()) {
            if (!store.list(bucket, kind.folder(), null, 1).isEmpty()) {
                throw ImageStoreErrors.BUCKET_NOT_EMPTY.exception(bucket);
            }
        }
        known.remove(bucket);
        if (!store.deleteBucket(bucket)) {
            throw ImageStoreErrors.BUCKET_NOT_FOUND.exception(bucket);
        }
    }

    /** Answers 404 (13000) unless the bucket exists. */
    public void require(String bucket) {
        if (Names.bucketProblem(bucket, maxNameLength) != null) {
            throw ImageStoreErrors.BUCKET_NOT_FOUND.exception(bucket);
        }
        if (known.contains(bucket)) {
            return;
        }
        if (!store.bucketExists(bucket)) {
            throw ImageStoreErrors.BUCKET_NOT_FOUND.exception(bucket);
        }
        known.add(bucket);
    }

    /** Forget a bucket the back-end says is gone (deleted by another instance). */
    public void forget(String bucket) {
        known.remove(bucket);
    }

    private void validName(String bucket) {
        String problem = Names.bucketProblem(bucket, maxNameLength);
        if (problem != null) {
            throw ImageStoreErrors.BAD_BUCKET_NAME.exception(bucket, problem);
        }
    }
}
