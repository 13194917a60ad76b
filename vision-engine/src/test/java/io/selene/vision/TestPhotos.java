package io.selene.vision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The six demo photos of {@code @vladmandic/face-api@1.7.15}, fetched by {@code bin/fetch-test-photos}
 * into {@code var/test-photos} (or {@code SELENE_TEST_PHOTOS_DIR}). Missing photos fail the test
 * with the command that fetches them: these tests never pass by skipping.
 */
public final class TestPhotos {

    /** Faces on sample1.jpg … sample6.jpg, counted by hand. */
    public static final List<Integer> FACES = List.of(3, 3, 3, 4, 5, 4);

    private TestPhotos() {
    }

    public static Path dir() {
        String configured = System.getenv("SELENE_TEST_PHOTOS_DIR");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : VisionSettings.findUpwards(Path.of("var", "test-photos"));
        if (!Files.isRegularFile(dir.resolve("sample6.jpg"))) {
            throw new IllegalStateException("Test photos missing in " + dir.toAbsolutePath()
                    + ": run bin/fetch-test-photos (or set SELENE_TEST_PHOTOS_DIR)");
        }
        return dir;
    }

    /** sample{n}.jpg, n = 1..6. */
    public static byte[] sample(int n) {
        try {
            return Files.readAllBytes(dir().resolve("sample" + n + ".jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
