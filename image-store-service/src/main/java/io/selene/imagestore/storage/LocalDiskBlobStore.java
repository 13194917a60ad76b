package io.selene.imagestore.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets as folders under {@code root}: a blob with key {@code folder/name} of bucket {@code b} is
 * the file {@code root/b/folder/name}.
 *
 * <p>Each file holds its metadata in front of the content ({@code "SLIS"}, format byte 1, 4-byte
 * big-endian length, metadata JSON, content bytes), so one rename publishes content and metadata
 * together; a sidecar file would need two renames and could be seen half-updated after a crash.
 *
 * <p>Writes are atomic and durable: the bytes go to a hidden temp file ({@code .tmp-...}) in the
 * same folder, which is fsynced, renamed over the target, and the folder is fsynced so the rename
 * itself survives a power loss. A crash leaves at most a temp file, which no read can name (ids
 * contain no dot) and {@link #maintain} removes once older than the grace period.
 */
public final class LocalDiskBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(LocalDiskBlobStore.class);
    private static final byte[] MAGIC = {'S', 'L', 'I', 'S', 1};
    static final String TEMP_PREFIX = ".tmp-";
    private static final String DELETING_PREFIX = ".deleting-";

    private final Path root;
    private final Duration tempGrace;

    public LocalDiskBlobStore(Path root, Duration tempGrace) {
        this.root = root.toAbsolutePath().normalize();
        this.tempGrace = tempGrace;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create image store folder " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public String backend() {
        return "local";
    }

    @Override
    public synchronized boolean createBucket(String bucket) {
        Path dir = bucketDir(bucket);
        if (Files.isDirectory(dir)) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            fsyncDirectory(root);
            return true;
        } catch (IOException e) {
            throw new StorageException("cannot create bucket folder " + dir, e);
        }
    }

    @Override
    public boolean bucketExists(String bucket) {
        return Files.isDirectory(bucketDir(bucket));
    }

    @Override
    public List<String> listBuckets() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> Names.bucketProblem(name, 63) == null)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StorageException("cannot list " + root, e);
        }
    }

    @Override
    public synchronized boolean deleteBucket(String bucket) {
        Path dir = bucketDir(bucket);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        // One rename makes the bucket disappear at once; the files go afterwards (or at the next maintain).
        Path doomed = root.resolve(DELETING_PREFIX + bucket + "-" + UUID.randomUUID());
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(root);
        } catch (IOException e) {
            throw new StorageException("cannot delete bucket folder " + dir, e);
        }
        deleteTree(doomed);
        return true;
    }

    @Override
    public void put(String bucket, String key, BlobMeta meta, byte[] content) {
        Path target = file(bucket, key);
        Path folder = target.getParent();
        Path temp = folder.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                fsyncDirectory(folder.getParent());
            }
            byte[] header = header(meta);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(header));
                writeFully(channel, ByteBuffer.wrap(content));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StorageException("the image store folder does not support atomic renames: " + folder, e);
            }
            fsyncDirectory(folder);
        } catch (IOException e) {
            throw new StorageException("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                log.warn("cannot remove temp file {}; maintenance will retry", temp, e);
            }
        }
    }

    @Override
    public Optional<BlobMeta> head(String bucket, String key) {
        Path path = file(bucket, key);
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.of(readMeta(in, path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read " + path, e);
        }
    }

    @Override
    public Optional<Blob> open(String bucket, String key) {
        Path path = file(bucket, key);
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read " + path, e);
        }
        try {
            BlobMeta meta = readMeta(in, path);
            return Optional.of(new Blob(meta, new BoundedStream(in, meta.size())));
        } catch (IOException | RuntimeException e) {
            closeQuietly(in);
            throw e instanceof StorageException se ? se : new StorageException("cannot read " + path, e);
        }
    }

    @Override
    public boolean delete(String bucket, String key) {
        Path path = file(bucket, key);
        try {
            boolean deleted = Files.deleteIfExists(path);
            if (deleted) {
                fsyncDirectory(path.getParent());
            }
            return deleted;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StorageException("cannot delete " + path, e);
        }
    }

    @Override
    public List<String> list(String bucket, String folder, String startAfter, int limit) {
        if (!Names.isValidId(folder)) {
            throw new IllegalArgumentException("bad folder: " + folder);
        }
        Path dir = bucketDir(bucket).resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String after = startAfter == null ? null : startAfter.substring(startAfter.indexOf('/') + 1);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Names.isKeyPart(name) && (after == null || name.compareTo(after) > 0)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir, e);
        }
        return names.stream().sorted().limit(limit).map(name -> folder + "/" + name).toList();
    }

    /** Removes temp files older than the grace period (left by a crash mid-write) and half-deleted buckets. */
    @Override
    public void maintain(Instant now) {
        FileTime cutoff = FileTime.from(now.minus(tempGrace));
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(DELETING_PREFIX)) {
                    deleteTree(entry);
                } else if (Files.isDirectory(entry) && Names.bucketProblem(name, 63) == null) {
                    removeStaleTemps(entry, cutoff);
                }
            }
        } catch (IOException e) {
            log.warn("image store maintenance could not list {}", root, e);
        }
    }

    private void removeStaleTemps(Path bucketDir, FileTime cutoff) throws IOException {
        try (Stream<Path> folders = Files.list(bucketDir)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        if (file.getFileName().toString().startsWith(TEMP_PREFIX)
                                && Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
                            Files.deleteIfExists(file);
                            log.info("removed temp file {} left by an interrupted write", file);
                        }
                    }
                }
            }
        }
    }

    private Path bucketDir(String bucket) {
        Names.checkBucket(bucket);
        return root.resolve(bucket);
    }

    private Path file(String bucket, String key) {
        Names.checkKey(key);
        Path bucketDir = bucketDir(bucket);
        Path path = bucketDir.resolve(key).normalize();
        // Second line of defence after Names: whatever the key, it stays inside its bucket.
        if (!path.startsWith(bucketDir) || path.equals(bucketDir)) {
            throw new IllegalArgumentException("key escapes its bucket: " + key);
        }
        return path;
    }

    private static byte[] header(BlobMeta meta) throws IOException {
        byte[] json = MetaCodec.encode(meta);
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + 4 + json.length);
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(json.length);
        data.write(json);
        data.flush();
        return out.toByteArray();
    }

    private static BlobMeta readMeta(InputStream in, Path path) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        try {
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new StorageException("not an image store file: " + path, null);
            }
            int length = data.readInt();
            if (length <= 0 || length > 64 * 1024) {
                throw new StorageException("bad metadata length in " + path, null);
            }
            byte[] json = new byte[length];
            data.readFully(json);
            return MetaCodec.decode(json);
        } catch (EOFException e) {
            throw new StorageException("truncated image store file: " + path, e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes a create, rename or delete in {@code dir} durable (POSIX: fsync of the directory). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("could not remove {} completely; maintenance will retry", dir, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** Exactly {@code size} bytes: a file shorter than its metadata says is reported, not silently cut. */
    private static final class BoundedStream extends FilterInputStream {

        private long remaining;

        BoundedStream(InputStream in, long size) {
            super(in);
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b < 0) {
                throw new EOFException("image store file is shorter than its metadata says");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("image store file is shorter than its metadata says");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }
    }
}
