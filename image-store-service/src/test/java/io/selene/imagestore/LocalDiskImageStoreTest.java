package io.selene.imagestore;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import io.selene.imagestore.storage.LocalDiskBlobStore;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Image Store contract on the local-disk back-end, plus what only a disk has: crash leftovers. */
class LocalDiskImageStoreTest extends AbstractImageStoreTest {

    static final Path ROOT = tempRoot();

    @DynamicPropertySource
    static void localBackend(DynamicPropertyRegistry registry) {
        registry.add("selene.image-store.backend", () -> "local");
        registry.add("selene.image-store.root", ROOT::toString);
    }

    @Override
    boolean storedRaw(String bucket, String key) {
        boolean onDisk = Files.exists(ROOT.resolve(bucket).resolve(key));
        assertThat(super.storedRaw(bucket, key)).isEqualTo(onDisk);
        return onDisk;
    }

    @Test
    void healthcheckChecksTheDisk() {
        HttpProbe.Answer health = HttpProbe.onPort(port).get("/healthcheck");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("checks").get(0).get("name").asString()).isEqualTo("local-storage");
        assertThat(store).isInstanceOf(LocalDiskBlobStore.class);
    }

    @Test
    void writesLeaveOnlyTheFinalFileWithMetadataInFront() throws IOException {
        byte[] jpeg = jpeg(24, 24);
        String id = alice().post("/1/buckets/images/images", "image/jpeg", jpeg).json().get("image_id").asString();
        Path file = ROOT.resolve("images/images").resolve(id);
        assertThat(file).exists();
        byte[] stored = Files.readAllBytes(file);
        assertThat(new String(stored, 0, 4)).isEqualTo("SLIS");
        assertThat(java.util.Arrays.copyOfRange(stored, stored.length - jpeg.length, stored.length)).isEqualTo(jpeg);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void tempFileOfAWriteCutByACrashIsNeverVisibleAndIsCleanedUp() throws IOException {
        // What a crash between "write temp file" and "rename" leaves: a hidden, partial temp file.
        String id = UUID.randomUUID().toString();
        Path folder = ROOT.resolve("images/images");
        Files.createDirectories(folder);
        Path leftover = folder.resolve(".tmp-" + id + "-" + UUID.randomUUID());
        Files.write(leftover, new byte[] {'S', 'L', 'I', 'S', 1, 0, 0});
        // ...next to a complete item that a crashed replacement of it must not have damaged.
        byte[] jpeg = jpeg(12, 12);
        String kept = alice().post("/1/buckets/images/images", "image/jpeg", jpeg).json().get("image_id").asString();
        Path keptLeftover = folder.resolve(".tmp-" + kept + "-" + UUID.randomUUID());
        Files.write(keptLeftover, new byte[] {'S', 'L', 'I', 'S'});

        assertLunaError(alice().get("/1/buckets/images/images/" + id), 13003);
        assertThat(alice().get("/1/buckets/images/images/" + kept).body()).isEqualTo(jpeg);
        assertThat(store.list("images", "images", null, 10_000)).doesNotContain("images/" + id);

        // Recent temp files may belong to a write in progress: kept. Old ones are removed by maintenance.
        sweeper.runOnce();
        assertThat(leftover).exists();
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(leftover, old);
        Files.setLastModifiedTime(keptLeftover, old);
        sweeper.runOnce();
        assertThat(leftover).doesNotExist();
        assertThat(keptLeftover).doesNotExist();
        assertThat(alice().get("/1/buckets/images/images/" + kept).body()).isEqualTo(jpeg);
    }

    @Test
    void aTruncatedFileIsAnErrorNotAShortImage() throws IOException {
        byte[] jpeg = jpeg(30, 30);
        String id = alice().post("/1/buckets/images/images", "image/jpeg", jpeg).json().get("image_id").asString();
        Path file = ROOT.resolve("images/images").resolve(id);
        byte[] stored = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(stored, 9));
        HttpProbe.Answer answer = alice().get("/1/buckets/images/images/" + id);
        assertThat(answer.status()).isEqualTo(500);
        assertLunaError(answer, 13014);
    }

    private static Path tempRoot() {
        try {
            return Files.createTempDirectory("selene-image-store-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
