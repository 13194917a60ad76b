package io.selene.imagestore.storage;

import java.io.IOException;
import java.io.InputStream;

/** An opened blob: its metadata and a stream of exactly {@code meta.size()} content bytes. Close it. */
public record Blob(BlobMeta meta, InputStream content) implements AutoCloseable {

    @Override
    public void close() throws IOException {
        content.close();
    }
}
