package io.selene.vision;

import java.nio.file.Files;
import java.nio.file.Path;

import io.selene.vision.image.ImageDecoder;
import io.selene.vision.models.ModelDirectory;

/**
 * Settings of a {@link FaceEngine}.
 *
 * @param models          where the fetched models are ({@code <dir>/faceplugin/fr_*.onnx})
 * @param imageLimits     bytes, pixel budget (checked from the header before decoding) and minimum side
 * @param inferenceThreads size of the inference pool (default: the number of cores); each session
 *                        runs with one intra-op thread (vision pitfall 9)
 * @param queueCapacity   images that may wait for a pool thread before new ones are refused as busy
 * @param detectionThreshold default minimum detector score (the package's JS uses 0.65)
 * @param nmsIou          IoU above which a lower-scored overlapping box is dropped
 * @param subsampledDecode decode large photos subsampled (every 2nd..4th pixel) and go back to full
 *                        resolution only for faces too small there (see {@link FaceEngine})
 */
public record VisionSettings(ModelDirectory models, ImageDecoder.Limits imageLimits, int inferenceThreads,
        int queueCapacity, double detectionThreshold, double nmsIou, boolean subsampledDecode) {

    public static final double DEFAULT_DETECTION_THRESHOLD = 0.65;
    public static final double DEFAULT_NMS_IOU = 0.4;

    public VisionSettings {
        if (inferenceThreads <= 0) {
            inferenceThreads = Runtime.getRuntime().availableProcessors();
        }
        if (queueCapacity <= 0) {
            queueCapacity = 64;
        }
    }

    public static VisionSettings defaults(ModelDirectory models) {
        return new VisionSettings(models, ImageDecoder.Limits.DEFAULT, 0, 0, DEFAULT_DETECTION_THRESHOLD,
                DEFAULT_NMS_IOU, true);
    }

    public VisionSettings withSubsampledDecode(boolean enabled) {
        return new VisionSettings(models, imageLimits, inferenceThreads, queueCapacity, detectionThreshold, nmsIou,
                enabled);
    }

    /**
     * The models directory: {@code SELENE_MODELS_DIR} when set, else the first {@code var/models}
     * found from the working directory upwards (the repository's default of bin/fetch-models).
     */
    public static ModelDirectory modelsFromEnvironment() {
        String configured = System.getenv("SELENE_MODELS_DIR");
        if (configured != null && !configured.isBlank()) {
            return new ModelDirectory(Path.of(configured));
        }
        return new ModelDirectory(findUpwards(Path.of("var", "models")));
    }

    /** {@code relative} under the working directory or its closest ancestor that has it. */
    public static Path findUpwards(Path relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
            dir = dir.getParent();
        }
        return Path.of("").toAbsolutePath().resolve(relative);
    }
}
