package io.selene.imagestore.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.selene.commons.health.HealthCheck;

/** The storage folder exists and takes a write: what every image and object save needs. */
public class LocalDiskHealthCheck implements HealthCheck {

    private final Path root;

    public LocalDiskHealthCheck(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "local-storage";
    }

    @Override
    public void check() throws IOException {
        Files.createDirectories(root);
        Path probe = Files.createTempFile(root, ".healthcheck-", ".tmp");
        Files.delete(probe);
    }
}
