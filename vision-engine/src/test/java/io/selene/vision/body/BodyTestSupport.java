package io.selene.vision.body;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.selene.vision.TestPhotos;
import io.selene.vision.VisionSettings;
import io.selene.vision.image.ImageDecoder;
import io.selene.vision.image.RgbImage;

/**
 * Where the body tests find their inputs. Everything missing fails the test with the command
 * that provides it: these tests never pass by skipping.
 */
final class BodyTestSupport {

    private BodyTestSupport() {
    }

    static Path modelPath() {
        Path model = VisionSettings.modelsFromEnvironment().root().resolve(BodyDetector.DEFAULT_MODEL);
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("Body model missing: " + model
                    + " — run bin/fetch-body-model (or set SELENE_MODELS_DIR)");
        }
        return model;
    }

    /** The TF.js source of the converted model, installed next to it by bin/fetch-body-model. */
    static Path tfjsModel() {
        Path json = VisionSettings.modelsFromEnvironment().root().resolve("centernet/tfjs/centernet.json");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(json.resolveSibling("centernet.bin"))) {
            throw new IllegalStateException("TF.js CenterNet missing: " + json
                    + " (and centernet.bin) — run bin/fetch-body-model (or set SELENE_MODELS_DIR)");
        }
        return json;
    }

    /** A photo of Debian's darknet package data (bin/fetch-body-test-photos). */
    static byte[] darknet(String name) {
        Path file = TestPhotos.dir().resolve("darknet").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Body test photo missing: " + file
                    + " — run bin/fetch-body-test-photos (or set SELENE_TEST_PHOTOS_DIR)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RgbImage decode(byte[] bytes) {
        return new ImageDecoder(ImageDecoder.Limits.DEFAULT).decode(bytes).image();
    }
}
