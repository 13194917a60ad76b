package io.selene.imagestore.storage;

import io.selene.commons.health.HealthCheck;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 server answers with these credentials: ListBuckets is what every bucket operation needs. */
public class S3HealthCheck implements HealthCheck {

    private final S3Client s3;

    public S3HealthCheck(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public String name() {
        return "s3-storage";
    }

    @Override
    public void check() {
        s3.listBuckets();
    }
}
