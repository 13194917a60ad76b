package io.selene.imagestore.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Image Store settings ({@code selene.image-store.*} in image-store-service.yml).
 *
 * @param backend         {@code local} (files under {@code root}) or {@code s3}
 * @param root            folder of the local back-end
 * @param maxObjectSize   largest image or object body (the platform's body limit applies too)
 * @param maxTtl          largest {@code ttl} accepted on create
 * @param sweepInterval   how often expired images/objects are removed
 * @param tempGrace       age after which a temp file of an interrupted local write is removed
 * @param defaultBuckets  created at start-up
 * @param maxBulkIds      most ids in one bulk delete
 * @param s3              S3 connection (backend {@code s3})
 */
@ConfigurationProperties("selene.image-store")
public record StorageSettings(
        @DefaultValue("local") String backend,
        @DefaultValue("var/image-store") Path root,
        @DefaultValue("32MB") DataSize maxObjectSize,
        @DefaultValue("30d") Duration maxTtl,
        @DefaultValue("60s") Duration sweepInterval,
        @DefaultValue("10m") Duration tempGrace,
        @DefaultValue({"face-samples", "body-samples", "images", "objects"}) List<String> defaultBuckets,
        @DefaultValue("1000") int maxBulkIds,
        @DefaultValue S3 s3) {

    public StorageSettings {
        if (!"local".equals(backend) && !"s3".equals(backend)) {
            throw new IllegalArgumentException("selene.image-store.backend must be 'local' or 's3', not '" + backend + "'");
        }
        defaultBuckets = List.copyOf(defaultBuckets);
    }

    /**
     * @param endpoint     S3 endpoint, e.g. {@code http://127.0.0.1:9000}
     * @param region       signing region
     * @param accessKey    access key id
     * @param secretKey    secret key
     * @param bucketPrefix prepended to each bucket name on the server (several deployments can share one)
     */
    public record S3(
            @DefaultValue("http://127.0.0.1:9000") URI endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("selene") String accessKey,
            @DefaultValue("selene-dev-secret") String secretKey,
            @DefaultValue("selene-") String bucketPrefix) {
    }
}
