package io.selene.handlers.vision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the vision engine in handlers-service ({@code selene.vision.*}, see handlers-service.yml).
 *
 * @param modelsDir            models root; empty: {@code SELENE_MODELS_DIR}, else {@code var/models} found upwards
 * @param maxImageSize         largest encoded image accepted
 * @param maxImagePixels       pixel budget, checked from the image header before decoding
 * @param minImageSide         smallest side of an image worth looking at
 * @param inferenceThreads     inference pool size (0 = the number of cores)
 * @param queueCapacity        images waiting for the pool before 503
 * @param detectionThreshold   default detector score threshold (query {@code score_threshold} overrides)
 * @param matchCosineThreshold the cosine at which two descriptors are taken for the same person
 *                             (0.40 ≈ FAR 0.1 %, similarity 0.5; vision-engine/README.md)
 * @param subsampledDecode     decode big photos subsampled, faces too small there at full resolution
 * @param bodyModel            ONNX person detector (contract: vision-engine BodyDetector); empty:
 *                             {@code <models dir>/centernet/centernet.onnx} (bin/fetch-body-model)
 * @param bodyScoreThreshold   minimum person peak score (0 = BodyDetector's default, 0.3)
 * @param defaultFaceDescriptorVersion the descriptor version /sdk and /extractor extract when the request
 *                             names none (LUNA's DEFAULT_FACE_DESCRIPTOR_VERSION; 0 = 201)
 */
@ConfigurationProperties("selene.vision")
public record EngineSettings(String modelsDir, DataSize maxImageSize, long maxImagePixels, int minImageSide,
        int inferenceThreads, int queueCapacity, double detectionThreshold, double matchCosineThreshold, boolean subsampledDecode,
        String bodyModel, double bodyScoreThreshold, int defaultFaceDescriptorVersion) {
}
