package io.selene.imagestore.storage;

import java.time.Duration;

import io.selene.commons.health.HealthCheck;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Picks the back-end from {@code selene.image-store.backend} and its healthcheck. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageSettings.class)
class StorageConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "selene.image-store.backend", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean
        LocalDiskBlobStore localDiskBlobStore(StorageSettings properties) {
            return new LocalDiskBlobStore(properties.root(), properties.tempGrace());
        }

        @Bean
        HealthCheck localDiskHealthCheck(StorageSettings properties) {
            return new LocalDiskHealthCheck(properties.root());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "selene.image-store.backend", havingValue = "s3")
    static class S3 {

        @Bean(destroyMethod = "close")
        S3Client imageStoreS3Client(StorageSettings properties) {
            StorageSettings.S3 s3 = properties.s3();
            return S3Client.builder()
                    .endpointOverride(s3.endpoint())
                    .region(Region.of(s3.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                    // Path-style: S3-compatible servers (S3Proxy, MinIO) rarely have per-bucket DNS names.
                    .forcePathStyle(true)
                    // A hung S3 server fails the request (500, 13014) instead of holding it forever.
                    .overrideConfiguration(configuration -> configuration
                            .apiCallAttemptTimeout(Duration.ofSeconds(30))
                            .apiCallTimeout(Duration.ofSeconds(90)))
                    // Only the checksums S3 requires: newer default trailers are not understood by every server.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        }

        @Bean
        S3BlobStore s3BlobStore(S3Client imageStoreS3Client, StorageSettings properties) {
            return new S3BlobStore(imageStoreS3Client, properties.s3().bucketPrefix());
        }

        @Bean
        HealthCheck s3HealthCheck(S3Client imageStoreS3Client) {
            return new S3HealthCheck(imageStoreS3Client);
        }
    }
}
