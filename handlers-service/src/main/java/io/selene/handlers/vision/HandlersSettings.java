package io.selene.handlers.vision;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param storeSamples     store each detected face's sample in Image Store (off only for tests of
 *                         this service alone: /1/detector then answers without sample ids)
 * @param sampleBucket     Image Store bucket of face samples
 * @param maxImages        images per request
 * @param attributeTtl     lifetime of temporary attributes made by /1/extractor
 * @param sampleJpegQuality JPEG quality of stored samples (0..1)
 * @param bodySampleBucket Image Store bucket of body samples (128×256 crops)
 */
@ConfigurationProperties("selene.handlers")
public record HandlersSettings(boolean storeSamples, String sampleBucket, int maxImages, Duration attributeTtl,
        float sampleJpegQuality, String bodySampleBucket) {
}
