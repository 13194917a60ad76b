package io.selene.liveness.prediction;

import java.nio.file.Path;
import java.util.EnumSet;

import io.selene.vision.Estimation;
import io.selene.vision.FaceEngine;
import io.selene.vision.VisionSettings;
import io.selene.vision.image.ImageDecoder;
import io.selene.vision.models.ModelDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The face engine of this service: only face detection and liveness (the detector, the landmarks and
 * fr_liveness are loaded). A missing model does not stop the service: a request then answers 503 (34008).
 */
@Configuration(proxyBeanMethods = false)
class LivenessConfiguration {

    @Bean(destroyMethod = "close")
    FaceEngine livenessEngine(LivenessSettings properties) {
        ModelDirectory models = properties.modelsDir() == null || properties.modelsDir().isBlank()
                ? VisionSettings.modelsFromEnvironment() : new ModelDirectory(Path.of(properties.modelsDir()));
        VisionSettings defaults = VisionSettings.defaults(models);
        return new FaceEngine(new VisionSettings(models,
                new ImageDecoder.Limits(properties.maxImageSize().toBytes(), properties.maxImagePixels(),
                        defaults.imageLimits().minSide()),
                properties.inferenceThreads(), 0, VisionSettings.DEFAULT_DETECTION_THRESHOLD,
                VisionSettings.DEFAULT_NMS_IOU, true),
                EnumSet.of(Estimation.FACE_DETECTION, Estimation.LIVENESS));
    }

    @Bean
    LivenessErrors livenessErrors() {
        return new LivenessErrors();
    }
}
