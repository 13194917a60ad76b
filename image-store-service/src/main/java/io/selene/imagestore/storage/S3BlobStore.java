package io.selene.imagestore.storage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Buckets as S3 buckets named {@code prefix + bucket} on any S3-compatible server (path-style
 * addressing). A blob's key is the same {@code folder/name} as on disk; its Content-Type is the S3
 * object's Content-Type and the rest of {@link BlobMeta} is S3 user metadata
 * ({@code x-amz-meta-selene-account}, {@code -selene-create-time}, {@code -selene-expiry-time}), so
 * one PUT stores content and metadata atomically. A 200 from PutObject means the server stored it.
 */
public final class S3BlobStore implements BlobStore {

    static final String META_ACCOUNT = "selene-account";
    static final String META_CREATE_TIME = "selene-create-time";
    static final String META_EXPIRY_TIME = "selene-expiry-time";

    private final S3Client s3;
    private final String prefix;

    public S3BlobStore(S3Client s3, String bucketPrefix) {
        this.s3 = s3;
        this.prefix = bucketPrefix == null ? "" : bucketPrefix;
    }

    public S3Client client() {
        return s3;
    }

    /** The S3 bucket behind an Image Store bucket. */
    public String s3Bucket(String bucket) {
        Names.checkBucket(bucket);
        return prefix + bucket;
    }

    @Override
    public String backend() {
        return "s3";
    }

    @Override
    public boolean createBucket(String bucket) {
        String name = s3Bucket(bucket);
        try {
            if (bucketExists(bucket)) {
                return false;
            }
            s3.createBucket(request -> request.bucket(name));
            return true;
        } catch (BucketAlreadyOwnedByYouException e) {
            return false;
        } catch (SdkException e) {
            throw failure("create bucket " + name, e);
        }
    }

    @Override
    public boolean bucketExists(String bucket) {
        String name = s3Bucket(bucket);
        try {
            s3.headBucket(request -> request.bucket(name));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("check bucket " + name, e);
        } catch (SdkException e) {
            throw failure("check bucket " + name, e);
        }
    }

    @Override
    public List<String> listBuckets() {
        try {
            return s3.listBuckets().buckets().stream()
                    .map(Bucket::name)
                    .filter(name -> name.startsWith(prefix))
                    .map(name -> name.substring(prefix.length()))
                    .filter(name -> Names.bucketProblem(name, 63) == null)
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw failure("list buckets", e);
        }
    }

    @Override
    public boolean deleteBucket(String bucket) {
        String name = s3Bucket(bucket);
        try {
            if (!bucketExists(bucket)) {
                return false;
            }
            // S3 deletes only empty buckets: remove what is left (expiry markers, stragglers) first.
            String token = null;
            do {
                String continuation = token;
                ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(name)
                        .continuationToken(continuation).maxKeys(1000));
                for (S3Object object : page.contents()) {
                    s3.deleteObject(request -> request.bucket(name).key(object.key()));
                }
                token = page.isTruncated() ? page.nextContinuationToken() : null;
            } while (token != null);
            s3.deleteBucket(request -> request.bucket(name));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (SdkException e) {
            throw failure("delete bucket " + name, e);
        }
    }

    @Override
    public void put(String bucket, String key, BlobMeta meta, byte[] content) {
        Names.checkKey(key);
        String name = s3Bucket(bucket);
        Map<String, String> metadata = new HashMap<>();
        if (meta.accountId() != null) {
            metadata.put(META_ACCOUNT, meta.accountId().toString());
        }
        metadata.put(META_CREATE_TIME, meta.createTime().toString());
        if (meta.expiryTime() != null) {
            metadata.put(META_EXPIRY_TIME, meta.expiryTime().toString());
        }
        try {
            s3.putObject(request -> request.bucket(name).key(key).contentType(meta.contentType())
                    .contentLength((long) content.length).metadata(metadata), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("put " + name + "/" + key, e);
        }
    }

    @Override
    public Optional<BlobMeta> head(String bucket, String key) {
        Names.checkKey(key);
        String name = s3Bucket(bucket);
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(name).key(key));
            return Optional.of(meta(head.metadata(), head.contentType(), head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("head " + name + "/" + key, e);
        } catch (SdkException e) {
            throw failure("head " + name + "/" + key, e);
        }
    }

    @Override
    public Optional<Blob> open(String bucket, String key) {
        Names.checkKey(key);
        String name = s3Bucket(bucket);
        try {
            ResponseInputStream<GetObjectResponse> stream = s3.getObject(request -> request.bucket(name).key(key));
            GetObjectResponse response = stream.response();
            return Optional.of(new Blob(meta(response.metadata(), response.contentType(), response.contentLength(),
                    response.lastModified()), stream));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("get " + name + "/" + key, e);
        } catch (SdkException e) {
            throw failure("get " + name + "/" + key, e);
        }
    }

    @Override
    public boolean delete(String bucket, String key) {
        // S3 DeleteObject answers 204 whether or not the key existed: look first to report it.
        if (head(bucket, key).isEmpty()) {
            return false;
        }
        String name = s3Bucket(bucket);
        try {
            s3.deleteObject(request -> request.bucket(name).key(key));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (SdkException e) {
            throw failure("delete " + name + "/" + key, e);
        }
    }

    @Override
    public List<String> list(String bucket, String folder, String startAfter, int limit) {
        if (!Names.isValidId(folder)) {
            throw new IllegalArgumentException("bad folder: " + folder);
        }
        String name = s3Bucket(bucket);
        try {
            ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(name).prefix(folder + "/")
                    .startAfter(startAfter).maxKeys(Math.min(limit, 1000)));
            List<String> keys = new ArrayList<>();
            for (S3Object object : page.contents()) {
                keys.add(object.key());
            }
            return keys;
        } catch (NoSuchBucketException e) {
            return List.of();
        } catch (SdkException e) {
            throw failure("list " + name + "/" + folder, e);
        }
    }

    private static BlobMeta meta(Map<String, String> metadata, String contentType, Long length, Instant lastModified) {
        String account = metadata.get(META_ACCOUNT);
        String created = metadata.get(META_CREATE_TIME);
        String expiry = metadata.get(META_EXPIRY_TIME);
        try {
            return new BlobMeta(
                    account == null ? null : UUID.fromString(account),
                    contentType,
                    length == null ? 0 : length,
                    created == null ? lastModified : Instant.parse(created),
                    expiry == null ? null : Instant.parse(expiry));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new StorageException("bad Selene metadata on S3 object: " + metadata, e);
        }
    }

    private static StorageException failure(String what, SdkException e) {
        return new StorageException("S3 " + what + " failed: " + e.getMessage(), e);
    }
}
