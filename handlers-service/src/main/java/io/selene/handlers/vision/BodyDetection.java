package io.selene.handlers.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.selene.vision.ModelDirectory;
import io.selene.vision.body.BodyDetector;
import io.selene.vision.image.RgbImage;

/**
 * The person detector of this service ({@code selene.vision.body-model}, by default
 * {@code <models dir>/centernet/centernet.onnx} from bin/fetch-body-model). Optional: a deployment
 * without the model starts, and {@code detect_body=1} is then refused with 14013 — never ignored.
 * At most one detection per inference thread runs at a time; a request that waits longer than
 * {@link #WAIT_SECONDS} s for its turn is answered 503 (14020), as a full face queue is.
 */
class BodyDetection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDetection.class);
    static final long WAIT_SECONDS = 30;

    private final BodyDetector detector;
    private final Semaphore turns;
    private final double scoreThreshold;

    BodyDetection(VisionProperties properties, ModelDirectory models) {
        Path model = properties.bodyModel() == null || properties.bodyModel().isBlank()
                ? models.root().resolve(BodyDetector.DEFAULT_MODEL)
                : Path.of(properties.bodyModel());
        if (Files.isRegularFile(model)) {
            this.detector = new BodyDetector(model);
            LOG.info("Body detection with {}", model);
        } else {
            this.detector = null;
            LOG.warn("No body model at {}: detect_body=1 is refused (run bin/fetch-body-model)", model);
        }
        int threads = properties.inferenceThreads() > 0 ? properties.inferenceThreads()
                : Runtime.getRuntime().availableProcessors();
        this.turns = new Semaphore(threads, true);
        this.scoreThreshold = properties.bodyScoreThreshold() > 0 ? properties.bodyScoreThreshold()
                : BodyDetector.DEFAULT_SCORE_THRESHOLD;
    }

    boolean available() {
        return detector != null;
    }

    List<BodyDetector.Body> detect(RgbImage image) {
        if (detector == null) {
            throw VisionErrors.ESTIMATION_NOT_AVAILABLE.exception("detect_body");
        }
        try {
            if (!turns.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw VisionErrors.ENGINE_BUSY.exception("All body detection threads stayed busy for " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VisionErrors.ENGINE_BUSY.exception("interrupted while waiting for a body detection thread");
        }
        try {
            return detector.detect(image, scoreThreshold);
        } finally {
            turns.release();
        }
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
    }
}
