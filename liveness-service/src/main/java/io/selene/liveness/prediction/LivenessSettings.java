package io.selene.liveness.prediction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of liveness-service ({@code selene.liveness.*} in liveness-service.yml).
 *
 * @param modelsDir        models root; empty: {@code SELENE_MODELS_DIR}, else {@code var/models} found upwards
 * @param realThreshold    default {@code real_threshold}: a face is real from this probability on
 * @param maxImages        images per request (LUNA: 8)
 * @param maxImageSize     largest encoded image
 * @param maxImagePixels   pixel budget, checked from the header before decoding
 * @param inferenceThreads inference pool size (0 = the number of cores)
 */
@ConfigurationProperties("selene.liveness")
public record LivenessSettings(String modelsDir, double realThreshold, int maxImages, DataSize maxImageSize,
        long maxImagePixels, int inferenceThreads) {
}
