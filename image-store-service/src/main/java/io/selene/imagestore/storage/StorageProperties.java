package io.selene.imagestore.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where Image Store keeps buckets: {@code local} disk under {@code root}, or S3. */
@ConfigurationProperties("selene.image-store")
public record StorageProperties(String backend, Path root) {
}
